using HealthCode.Risk.Inputs;
using HealthCode.Risk.Rules;
using HealthCode.Risk.Stays;

namespace HealthCode.Risk.Tests;

/// <summary>Hand-built inputs shared by the scenarios: one case, one contact, two places in Beijing.</summary>
internal static class Given
{
    public const string CaseKey = "c0ffee00000000000000000000000001";
    public const string PersonKey = "abc00000000000000000000000000002";

    public const double Lat = 39.9;
    public const double Lon = 116.4;

    // About 2.2 km north: certainly another 800 m cell.
    public const double OtherLat = 39.92;

    public static readonly RuleSettings Settings = RuleSettings.Default;

    public static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Day(double days) => T0.AddDays(days);

    public static DateTimeOffset Minute(double minutes) => T0.AddMinutes(minutes);

    public static CaseReport Report(CaseStatus status, DateTimeOffset at, string id = "r1", string key = CaseKey) =>
        new(id, key, status, at);

    public static CaseExposure Exposure(DateTimeOffset reportedAt) =>
        CaseExposure.Of(Report(CaseStatus.Confirmed, reportedAt), Settings)!;

    // Pings every 20 minutes, inside the stay gap, so the builder makes exactly one stay of them.
    public static Presence Stay(string key, DateTimeOffset from, DateTimeOffset to, string id, double lat = Lat)
    {
        var pings = new List<Ping>();
        for (var at = from; at < to; at = at.AddMinutes(20))
        {
            pings.Add(new Ping($"{id}-{pings.Count}", at, lat, Lon));
        }

        pings.Add(new Ping($"{id}-{pings.Count}", to, lat, Lon));
        return new StayBuilder(Settings).Build(key, pings).Single();
    }

    public static Declaration Normal(DateTimeOffset at, string id) => new(id, PersonKey, at, 36.6, []);

    public static Declaration Fever(DateTimeOffset at, string id) => new(id, PersonKey, at, 38.1, []);

    public static ContactFlag Flag(CodeColour colour, DateTimeOffset raised, DateTimeOffset ends, string id)
    {
        var rule = colour == CodeColour.Red ? Rule.FlightCloseContact : Rule.Companion;
        var evidence = new Evidence(rule, CaseKey, "cell 1:1", new Interval(raised, raised), [id], Settings.Version);
        return new ContactFlag(PersonKey, colour, raised, ends, evidence);
    }
}
