using HealthCode.Contracts.Events.V1;
using HealthCode.Contracts.Geo;
using HealthCode.Storage.Writing;

namespace HealthCode.Storage.Tests.Research;

/// <summary>Hand-built subscribers, pings and case reports for the companion query, by person name.</summary>
internal sealed class CompanionScenario
{
    private const long PingStep = 5 * 60_000;

    private static readonly Grid Grid = new();

    private readonly List<(string? PersonKey, Ping Ping)> _pings = [];
    private readonly Dictionary<string, Subscriber> _subscribers = new(StringComparer.Ordinal);
    private readonly List<CaseReport> _reports = [];
    private readonly List<CaseLocation> _locations = [];

    /// <summary>Every ping with the person its SIM is registered to, or null for an unregistered SIM.</summary>
    public IReadOnlyList<(string? PersonKey, Ping Ping)> PersonPings => _pings;

    /// <summary>Every case report, in the order added.</summary>
    public IReadOnlyList<CaseReport> Reports => _reports;

    /// <summary>Every case location, in the order added.</summary>
    public IReadOnlyList<CaseLocation> Locations => _locations;

    /// <summary>The person key of a named person.</summary>
    public static string PersonKey(string name) => TestEvents.Key("person:" + name);

    /// <summary>Pings every five minutes over [from, to], both ends included.</summary>
    public void Stay(
        string name, (double Lat, double Lon) place, long fromMs, long toMs, string sim = "main",
        bool registered = true)
    {
        var times = new List<long>();

        for (var at = fromMs; at < toMs; at += PingStep)
        {
            times.Add(at);
        }

        times.Add(toMs);
        Add(name, sim, registered, place, times);
    }

    /// <summary>Pings of a person's main, registered SIM at the given times.</summary>
    public void Pings(string name, (double Lat, double Lon) place, params long[] times) =>
        Add(name, "main", registered: true, place, times);

    /// <summary>A case report for a named person.</summary>
    public void Report(string name, long reportedAtMs, CaseStatus status = CaseStatus.Confirmed) =>
        _reports.Add(new CaseReport
        {
            RecordId = TestEvents.RecordId($"report:{name}:{_reports.Count}"),
            PersonKey = PersonKey(name),
            Status = status,
            ReportedAtMs = reportedAtMs,
        });

    /// <summary>A case location of a named case: a circle around a point over [from, to].</summary>
    public void Location(string name, (double Lat, double Lon) centre, double radiusM, long fromMs, long toMs) =>
        _locations.Add(new CaseLocation
        {
            RecordId = TestEvents.RecordId($"location:{name}:{_locations.Count}"),
            CasePersonKey = PersonKey(name),
            Lat = centre.Lat,
            Lon = centre.Lon,
            RadiusM = radiusM,
            FromMs = fromMs,
            ToMs = toMs,
            Venue = "venue",
        });

    /// <summary>Writes everything and flushes.</summary>
    public async Task WriteAsync(EventWriter writer)
    {
        await writer.WriteAsync(_subscribers.Values.ToList());
        await writer.WriteAsync(_pings.Select(p => p.Ping).ToList());
        await writer.WriteAsync(_reports);
        await writer.WriteAsync(_locations);
        await writer.FlushAsync();
    }

    private void Add(
        string name, string sim, bool registered, (double Lat, double Lon) place, IEnumerable<long> times)
    {
        var subscriberKey = TestEvents.Key($"sim:{name}:{sim}");

        // An unregistered SIM has no subscriber row, so the query cannot know whose it is.
        if (registered && !_subscribers.ContainsKey(subscriberKey))
        {
            _subscribers[subscriberKey] = new Subscriber
            {
                RecordId = TestEvents.RecordId("subscriber:" + subscriberKey),
                SubscriberKey = subscriberKey,
                PersonKey = PersonKey(name),
                Carrier = "cmcc",
                RegisteredAtMs = TestEvents.BaseMs - 86_400_000L,
            };
        }

        foreach (var at in times)
        {
            var ping = new Ping
            {
                RecordId = TestEvents.RecordId($"ping:{subscriberKey}:{at}:{_pings.Count}"),
                SubscriberKey = subscriberKey,
                Lat = place.Lat,
                Lon = place.Lon,
                AccuracyM = 25f,
                ObservedAtMs = at,
                Cell = Grid.CellOf(place.Lat, place.Lon).Packed,
            };
            _pings.Add((registered ? PersonKey(name) : null, ping));
        }
    }
}
