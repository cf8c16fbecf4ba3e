namespace HealthCode.Risk.Engine.Partitions;

/// <summary>
/// One routed step: each partition's work, then the records the partitions hand back, routed to the partitions
/// that take them over. Steps run one after another, each only once the one before has been imported everywhere.
/// </summary>
public sealed class RoutedStep
{
    private readonly Dictionary<string, int[]> _simDestinations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]> _travellerDestinations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _movedSims = new(StringComparer.Ordinal);

    internal RoutedStep(int partitions) =>
        Work = [.. Enumerable.Range(0, partitions).Select(_ => new PartitionWork())];

    /// <summary>The first phase, by partition.</summary>
    public IReadOnlyList<PartitionWork> Work { get; }

    /// <summary>Whether any partition hands records back, so that a second phase is needed.</summary>
    public bool HasExports => _simDestinations.Count > 0 || _travellerDestinations.Count > 0;

    internal bool IsEmpty => Work.All(w => w.IsEmpty);

    /// <summary>
    /// The records each partition must add in the second phase, by partition, given what each partition handed
    /// back from its work (by partition too).
    /// </summary>
    public IReadOnlyList<PartitionRecords> Route(IReadOnlyList<PartitionRecords> exported)
    {
        ArgumentNullException.ThrowIfNull(exported);
        var imports = Work.Select(_ => new PartitionRecords()).ToList();

        for (var source = 0; source < exported.Count; source++)
        {
            SplitInto(exported[source], SimsFrom(source), TravellersFrom(source), imports);
        }

        return imports;
    }

    /// <summary>The SIMs partition <paramref name="source"/> hands over, each with the partitions taking it.</summary>
    public IReadOnlyDictionary<string, int[]> SimsFrom(int source) => From(Work[source].ExportSims, _simDestinations);

    /// <summary>The persons whose trips <paramref name="source"/> hands over, with their partitions.</summary>
    public IReadOnlyDictionary<string, int[]> TravellersFrom(int source) =>
        From(Work[source].ExportTravellers, _travellerDestinations);

    /// <summary>
    /// Splits what one partition handed back over the partitions taking it, given where each SIM and each person's
    /// trips go; one (possibly empty) set of records per partition.
    /// </summary>
    public static IReadOnlyList<PartitionRecords> Split(PartitionRecords exported,
        IReadOnlyDictionary<string, int[]> sims, IReadOnlyDictionary<string, int[]> travellers, int partitions)
    {
        var imports = Enumerable.Range(0, partitions).Select(_ => new PartitionRecords()).ToList();
        SplitInto(exported, sims, travellers, imports);
        return imports;
    }

    private static void SplitInto(PartitionRecords exported, IReadOnlyDictionary<string, int[]> sims,
        IReadOnlyDictionary<string, int[]> travellers, List<PartitionRecords> imports)
    {
        foreach (var ping in exported.Pings)
        {
            Each(sims, ping.SubscriberKey, imports, i => i.Pings.Add(ping));
        }

        foreach (var registration in exported.Registrations)
        {
            Each(sims, registration.SubscriberKey, imports, i => i.Registrations.Add(registration));
        }

        foreach (var trip in exported.Flights)
        {
            Each(travellers, trip.PersonKey, imports, i => i.Flights.Add(trip));
        }

        foreach (var trip in exported.Rails)
        {
            Each(travellers, trip.PersonKey, imports, i => i.Rails.Add(trip));
        }
    }

    private static Dictionary<string, int[]> From(List<string> keys, Dictionary<string, int[]> destinations)
    {
        var subset = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            subset[key] = destinations[key];
        }

        return subset;
    }

    /// <summary>Whether the SIM already changed holder in this step.</summary>
    internal bool Moved(string subscriberKey) => _movedSims.Contains(subscriberKey);

    /// <summary>Whether the person's trips are already handed out in this step.</summary>
    internal bool HandsOutTrips(string personKey) => _travellerDestinations.ContainsKey(personKey);

    /// <summary>
    /// Moves a SIM from one holder to another (<see cref="EngineRouter.Everywhere"/> for every partition): the old
    /// holder hands its records to the partitions that lack them, and those that keep no copy forget it.
    /// </summary>
    internal void Move(string subscriberKey, int from, int to)
    {
        _movedSims.Add(subscriberKey);

        if (from == EngineRouter.Everywhere)
        {
            foreach (var (work, k) in Work.Select((w, k) => (w, k)).Where(x => x.k != to))
            {
                work.ForgetSims.Add(subscriberKey);
            }

            return;
        }

        Work[from].ExportSims.Add(subscriberKey);
        _simDestinations[subscriberKey] = to == EngineRouter.Everywhere ? Others(from) : [to];
        if (to != EngineRouter.Everywhere)
        {
            Work[from].ForgetSims.Add(subscriberKey);
        }
    }

    /// <summary>Hands a new case's trips from its home to every other partition.</summary>
    internal void HandOutTrips(string personKey, int home)
    {
        Work[home].ExportTravellers.Add(personKey);
        _travellerDestinations[personKey] = Others(home);
    }

    private int[] Others(int partition) => [.. Enumerable.Range(0, Work.Count).Where(k => k != partition)];

    private static void Each(IReadOnlyDictionary<string, int[]> destinations, string key,
        List<PartitionRecords> imports, Action<PartitionRecords> add)
    {
        foreach (var partition in destinations.GetValueOrDefault(key) ?? [])
        {
            add(imports[partition]);
        }
    }
}
