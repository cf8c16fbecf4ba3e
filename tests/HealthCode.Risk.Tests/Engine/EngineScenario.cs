using HealthCode.Contracts.Geo;
using HealthCode.Risk.Engine;
using HealthCode.Risk.Inputs;

namespace HealthCode.Risk.Tests.Engine;

/// <summary>
/// Builds feed records for the detection engine around Hangzhou and keeps them, in the order they were built, as
/// actions that can be replayed into an engine in that order or any other.
/// </summary>
internal sealed class EngineScenario
{
    public const double HangzhouLat = 30.27;
    public const double HangzhouLon = 120.15;

    public static readonly RuleSettings Settings = RuleSettings.Default;

    public static readonly Grid Grid = new(Settings.CellMetres);

    /// <summary>The cell holding the Hangzhou reference point.</summary>
    public static readonly CellKey CellX = Grid.CellOf(HangzhouLat, HangzhouLon);

    /// <summary>The cell east of <see cref="CellX"/>.</summary>
    public static readonly CellKey Neighbour = new(CellX.Row, CellX.Col + 1);

    public static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<Action<IRecordSink>> _records = [];
    private ulong _nextPing;

    public EngineScenario(ulong pingIdBase = 0xabcdef0000000000UL) => _nextPing = pingIdBase;

    /// <summary>Every record built so far, in build order.</summary>
    public IReadOnlyList<Action<IRecordSink>> Records => _records;

    public static DateTimeOffset Day(double days) => T0.AddDays(days);

    /// <summary>The day <paramref name="days"/> after T0 at the given clock time.</summary>
    public static DateTimeOffset At(int days, int hour, double minute = 0) =>
        T0.AddDays(days).AddHours(hour).AddMinutes(minute);

    /// <summary>The centre of a cell, well away from its edges.</summary>
    public static (double Lat, double Lon) CentreOf(CellKey cell)
    {
        var lat = (cell.Row + 0.5) * Grid.RowDegrees;
        var lon = (cell.Col + 0.5) * Grid.ColumnDegrees(cell.Row);
        return (lat, lon);
    }

    /// <summary>The 32-digit hex form the evidence carries for a ping id.</summary>
    public static string Hex(UInt128 id) => RecordKeys.ToHex(id);

    /// <summary>One ping at the centre of <paramref name="cell"/>; returns its record id.</summary>
    public UInt128 Ping(string subscriberKey, CellKey cell, DateTimeOffset at)
    {
        var id = new UInt128(0xfeedc0de00000000UL, _nextPing++);
        var (lat, lon) = CentreOf(cell);
        _records.Add(e => e.AddPing(subscriberKey, id, at.ToUnixTimeMilliseconds(), lat, lon));
        return id;
    }

    /// <summary>Pings every few minutes from <paramref name="from"/> to exactly <paramref name="to"/>.</summary>
    public List<UInt128> Stay(
        string subscriberKey, CellKey cell, DateTimeOffset from, DateTimeOffset to, double everyMinutes = 5)
    {
        var ids = new List<UInt128>();
        for (var at = from; at < to; at = at.AddMinutes(everyMinutes))
        {
            ids.Add(Ping(subscriberKey, cell, at));
        }

        ids.Add(Ping(subscriberKey, cell, to));
        return ids;
    }

    public SubscriberRegistration Register(
        string subscriberKey, string personKey, DateTimeOffset? at = null, string? recordId = null) =>
        Keep(new SubscriberRegistration(
            recordId ?? $"sub-{subscriberKey}-{personKey}", subscriberKey, personKey, at ?? Day(-30)));

    public CaseReport Report(string personKey, DateTimeOffset at, CaseStatus status = CaseStatus.Confirmed) =>
        Keep(new CaseReport($"report-{personKey}-{status}-{at.ToUnixTimeMilliseconds()}", personKey, status, at));

    public CaseLocation Location(string id, string caseKey, CellKey cell, DateTimeOffset from, DateTimeOffset to)
    {
        var (lat, lon) = CentreOf(cell);
        return Keep(new CaseLocation(id, caseKey, lat, lon, 100, from, to, "market"));
    }

    public FlightTrip Flight(string id, string personKey, int row, string flight = "CA1501", double departsDay = 3)
    {
        var date = DateOnlyOf(departsDay);
        var departs = Day(departsDay);
        return Keep(new FlightTrip(id, personKey, flight, date, row, departs, departs.AddHours(3)));
    }

    public RailTrip Rail(
        string id, string personKey, int carriage, string train = "G1234", double departsDay = 3, double hours = 4)
    {
        var date = DateOnlyOf(departsDay);
        var departs = Day(departsDay);
        return Keep(new RailTrip(id, personKey, train, date, carriage, departs, departs.AddHours(hours)));
    }

    public Declaration Declare(string id, string personKey, DateTimeOffset at, double temperature = 36.6) =>
        Keep(new Declaration(id, personKey, at, temperature, []));

    /// <summary>Feeds every record, in build order, into <paramref name="engine"/>.</summary>
    public void FeedTo(DetectionEngine engine)
    {
        foreach (var record in _records)
        {
            record(engine);
        }
    }

    /// <summary>A fresh engine with every record fed and one step taken; the step's updates come back.</summary>
    public (DetectionEngine Engine, IReadOnlyList<PersonUpdate> Updates) Run()
    {
        var engine = new DetectionEngine(Settings);
        FeedTo(engine);
        return (engine, engine.Step());
    }

    private static string DateOnlyOf(double day) => DateOnly.FromDateTime(Day(day).UtcDateTime).ToString("O");

    private T Keep<T>(T record)
        where T : class
    {
        _records.Add(e => Add(e, record));
        return record;
    }

    private static void Add(IRecordSink engine, object record)
    {
        switch (record)
        {
            case SubscriberRegistration r:
                engine.Add(r);
                break;
            case CaseReport r:
                engine.Add(r);
                break;
            case CaseLocation r:
                engine.Add(r);
                break;
            case FlightTrip r:
                engine.Add(r);
                break;
            case RailTrip r:
                engine.Add(r);
                break;
            case Declaration r:
                engine.Add(r);
                break;
            default:
                throw new ArgumentException($"No engine input of type {record.GetType().Name}.", nameof(record));
        }
    }
}
