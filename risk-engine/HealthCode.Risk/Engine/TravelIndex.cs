namespace HealthCode.Risk.Engine;

/// <summary>Manifest records of one kind, by passenger and by service (train or flight, and service date).</summary>
internal sealed class TravelIndex<T>
    where T : class
{
    private readonly Func<T, string> _personOf;
    private readonly Func<T, string> _serviceOf;
    private readonly Dictionary<string, List<T>> _byPerson = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<T>> _byService = new(StringComparer.Ordinal);

    public TravelIndex(Func<T, string> personOf, Func<T, string> serviceOf)
    {
        _personOf = personOf;
        _serviceOf = serviceOf;
    }

    public string PersonOf(T trip) => _personOf(trip);

    public void Add(T trip)
    {
        Append(_byPerson, _personOf(trip), trip);
        Append(_byService, _serviceOf(trip), trip);
    }

    public IReadOnlyList<T> TripsOf(string personKey) => _byPerson.GetValueOrDefault(personKey) ?? [];

    public IReadOnlyList<T> OnServiceOf(T trip) => _byService.GetValueOrDefault(_serviceOf(trip)) ?? [];

    private static void Append(Dictionary<string, List<T>> map, string key, T trip)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map.Add(key, list);
        }

        list.Add(trip);
    }
}
