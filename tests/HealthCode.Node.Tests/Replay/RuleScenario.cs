using System.Globalization;
using System.Text.Json;
using HealthCode.Contracts.Geo;
using HealthCode.Ingest.Identity;

namespace HealthCode.Node.Tests.Replay;

/// <summary>
/// A hand-built set of partner files with one person per rule and per near miss, and the codes they must give at
/// <see cref="Now"/>.
/// </summary>
/// <remarks>
/// Case A (confirmed on day 14, 09:00) was in cell X on day 7, 14:00-15:00, in cell Y on day 12, 10:00-11:00, on
/// flight CA100 row 20 on day 10 and in carriage 5 of train G1234 on day 11. Day 0 is 2026-11-01 (+08:00).
/// </remarks>
internal sealed class RuleScenario
{
    public const string Pepper = "replay-test-pepper";

    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Day0 = new(2026, 11, 1, 0, 0, 0, China);

    private readonly Grid _grid = new();
    private readonly CellKey _x;
    private readonly CellKey _y;
    private readonly CellKey _z;
    private readonly List<string> _subscribers = [];
    private readonly List<string> _pings = [];
    private readonly List<string> _cases = [];
    private readonly List<string> _locations = [];
    private readonly List<string> _flights = [];
    private readonly List<string> _rail = [];
    private readonly List<string> _declarations = [];
    private readonly Dictionary<string, string> _simOf = [];

    public RuleScenario()
    {
        _x = _grid.CellOf(30.27, 120.15);
        _y = new CellKey(_x.Row + 3, _x.Col + 3);
        _z = new CellKey(_x.Row + 6, _x.Col - 3);

        Stay("A", _x, Day(7, 14), Day(7, 15));
        Stay("A", _y, Day(12, 10), Day(12, 11));
        Report("A", "confirmed", Day(14, 9));
        Flight("A", "20A", 10);
        Train("A", "G1234", 5, Day(11, 9), Day(11, 12));

        // Companion: 20 minutes with A in Y; near misses: 9 minutes, and the cell next door.
        Stay("B", _y, Day(12, 10).AddMinutes(40), Day(12, 11).AddMinutes(30));
        Stay("C", _y, Day(12, 10).AddMinutes(51), Day(12, 11).AddMinutes(30));
        Stay("D", new CellKey(_y.Row, _y.Col + 1), Day(12, 10), Day(12, 11));

        // Companions of day 7 whose quarantine ended on day 14, 15:00, after A's report and before now: J never
        // declared so waits, J2 declared normally in the last 24 hours (from the report on) so is green.
        Stay("J", _x, Day(7, 14), Day(7, 15));
        Stay("J2", _x, Day(7, 14), Day(7, 15));
        Declare("J2", Day(14, 10), 36.6);

        // Flight: 3 rows behind is close, 4 rows is a fellow traveller; E declares a fever once flagged.
        Flight("E", "23C", 10);
        Flight("F", "24A", 10);
        Declare("E", Day(14, 12), 38.1);

        // Rail: the same carriage with overlap is close, another carriage fellow, another train nothing.
        Train("G", "G1234", 5, Day(11, 10), Day(11, 13));
        Train("H", "G1234", 6, Day(11, 10), Day(11, 13));
        Train("I", "G9999", 5, Day(11, 10), Day(11, 13));

        // Several exposures at once: G is also a companion (red wins), H too (the later yellow end wins).
        Stay("G", _y, Day(12, 10).AddMinutes(30), Day(12, 11));
        Stay("H", _y, Day(12, 10).AddMinutes(30), Day(12, 11));

        // A stay with A a day before A's exposure window opened (day 0, 09:00) flags nobody.
        Stay("A", _z, Day(-1, 10), Day(-1, 11));
        Stay("O", _z, Day(-1, 10), Day(-1, 11));

        // A case cleared two days after confirmation stays red for 14 days after the clearance.
        Report("K", "confirmed", Day(2, 8));
        Report("K", "cleared", Day(4, 8));

        // A case known only from a case location: L was there, M overlapped 5 minutes only.
        Report("N", "suspected", Day(13, 20));
        Location("N", new CellKey(_x.Row - 4, _x.Col - 4), Day(13, 12), Day(13, 14));
        Stay("L", new CellKey(_x.Row - 4, _x.Col - 4), Day(13, 13), Day(13, 15));
        Stay("M", new CellKey(_x.Row - 4, _x.Col - 4), Day(13, 13).AddMinutes(55), Day(13, 15));
    }

    /// <summary>The instant the codes are evaluated at: day 15, 00:00.</summary>
    public static DateTimeOffset Now => Day(15, 0);

    public static string NowText => Text(Now);

    /// <summary>The expected output: person letter to (colour, until or null).</summary>
    public static IReadOnlyDictionary<string, (string Colour, DateTimeOffset? Until)> Expected { get; } =
        new Dictionary<string, (string, DateTimeOffset?)>
        {
            ["A"] = ("red", null),
            ["B"] = ("yellow", Day(12, 11).AddDays(7)),
            ["E"] = ("red", Day(14, 12).AddDays(14)),
            ["F"] = ("yellow", Day(10, 10).AddDays(7)),
            ["G"] = ("red", Day(11, 13).AddDays(14)),
            ["H"] = ("yellow", Day(12, 11).AddDays(7)),
            ["J"] = ("yellow", null),
            ["K"] = ("red", Day(4, 8).AddDays(14)),
            ["N"] = ("red", null),
            ["L"] = ("yellow", Day(13, 14).AddDays(7)),
        };

    /// <summary>Every person letter of the scenario.</summary>
    public static IReadOnlyList<string> Letters { get; } =
        ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "J2", "K", "L", "M", "N", "O"];

    /// <summary>The id number of a person letter.</summary>
    public static string IdNumber(string person) => "33010619900101" + person.PadLeft(4, '0');

    /// <summary>The key replay output names a person letter by.</summary>
    public static string KeyOf(string person) => new Pseudonymiser(Pepper).PersonKey(IdNumber(person));

    /// <summary>The files' lines by file name, the CSV header first.</summary>
    public IReadOnlyDictionary<string, List<string>> Files() => new Dictionary<string, List<string>>
    {
        ["subscribers.jsonl"] = _subscribers,
        ["pings.csv"] = _pings,
        ["cases.jsonl"] = _cases,
        ["case_locations.jsonl"] = _locations,
        ["flights.jsonl"] = _flights,
        ["rail.jsonl"] = _rail,
        ["declarations.jsonl"] = _declarations,
    };

    /// <summary>
    /// Writes the files into <paramref name="directory"/>: shuffled with <paramref name="seed"/> (header first) and
    /// with malformed lines mixed in, or as built when the seed is null.
    /// </summary>
    public void WriteTo(string directory, int? seed)
    {
        Directory.CreateDirectory(directory);
        var random = seed is null ? null : new Random(seed.Value);

        foreach (var (name, lines) in Files())
        {
            var body = new List<string>(lines);
            if (random is not null)
            {
                body.Add(MalformedLineFor(name));
                body = [.. body.OrderBy(_ => random.Next())];
            }

            var header = name == "pings.csv" ? new[] { "msisdn,lat,lon,accuracy_m,observed_at" } : [];
            File.WriteAllLines(Path.Combine(directory, name), [.. header, .. body]);
        }
    }

    private static string MalformedLineFor(string file) => file switch
    {
        "pings.csv" => "+8613800000001,91.5,120.15,20,2026-11-05T10:00:00+08:00",
        "cases.jsonl" => Json(new { id_number = IdNumber("Z"), status = "recovered", reported_at = "2026-11-05" }),
        "declarations.jsonl" => Json(new { id_number = IdNumber("Z"), declared_at = "yesterday", temperature_c = 39 }),
        _ => "{not json",
    };

    private static string Json(object record) => JsonSerializer.Serialize(record);

    private static DateTimeOffset Day(int day, int hour) => Day0.AddDays(day).AddHours(hour);

    private static string Text(DateTimeOffset instant) =>
        instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private void Stay(string person, CellKey cell, DateTimeOffset from, DateTimeOffset to)
    {
        var msisdn = Sim(person);
        var lat = (cell.Row + 0.5) * _grid.RowDegrees;
        var lon = (cell.Col + 0.5) * _grid.ColumnDegrees(cell.Row);

        for (var at = from; at <= to; at = at.AddMinutes(5))
        {
            _pings.Add(string.Create(CultureInfo.InvariantCulture, $"{msisdn},{lat:F6},{lon:F6},30,{Text(at)}"));
        }

        if (!_pings[^1].EndsWith(Text(to), StringComparison.Ordinal))
        {
            _pings.Add(string.Create(CultureInfo.InvariantCulture, $"{msisdn},{lat:F6},{lon:F6},30,{Text(to)}"));
        }
    }

    private string Sim(string person)
    {
        if (_simOf.TryGetValue(person, out var known))
        {
            return known;
        }

        var msisdn = "+86138" + (10_000_000 + _simOf.Count + 1).ToString(CultureInfo.InvariantCulture);
        _simOf[person] = msisdn;
        _subscribers.Add(Json(new
        {
            msisdn,
            id_number = IdNumber(person),
            carrier = "China Mobile",
            registered_at = "2026-10-01T08:00:00+08:00",
        }));
        return msisdn;
    }

    private void Report(string person, string status, DateTimeOffset at) =>
        _cases.Add(Json(new { id_number = IdNumber(person), status, reported_at = Text(at) }));

    private void Location(string person, CellKey cell, DateTimeOffset from, DateTimeOffset to) =>
        _locations.Add(Json(new
        {
            id_number = IdNumber(person),
            lat = Math.Round((cell.Row + 0.5) * _grid.RowDegrees, 6),
            lon = Math.Round((cell.Col + 0.5) * _grid.ColumnDegrees(cell.Row), 6),
            radius_m = 50,
            from = Text(from),
            to = Text(to),
            venue = "Test Hall",
        }));

    private void Flight(string person, string seat, int day) =>
        _flights.Add(Json(new
        {
            id_number = IdNumber(person),
            flight = "CA100",
            service_date = Day(day, 0).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            seat,
            from = "HGH",
            to = "PEK",
            departs_at = Text(Day(day, 8)),
            arrives_at = Text(Day(day, 10)),
        }));

    private void Train(string person, string train, int carriage, DateTimeOffset departs, DateTimeOffset arrives) =>
        _rail.Add(Json(new
        {
            id_number = IdNumber(person),
            train,
            service_date = departs.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            carriage,
            seat = "01A",
            from = "Hangzhou East",
            to = "Beijing South",
            departs_at = Text(departs),
            arrives_at = Text(arrives),
        }));

    private void Declare(string person, DateTimeOffset at, double temperature) =>
        _declarations.Add(Json(new
        {
            id_number = IdNumber(person),
            declared_at = Text(at),
            temperature_c = temperature,
            symptoms = Array.Empty<string>(),
        }));
}
