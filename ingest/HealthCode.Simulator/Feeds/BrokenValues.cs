namespace HealthCode.Simulator.Feeds;

/// <summary>Field values that break the contract, as partners really get them wrong. None contains a comma.</summary>
internal static class BrokenValues
{
    /// <summary>An impossible date, a missing offset, a local format, an impossible time.</summary>
    public static readonly string[] BadTimestamps =
        ["2026-02-30T08:13:05+08:00", "2026-11-02T08:13:05", "02/11/2026 08:13", "2026-11-02T24:61:00+08:00"];

    public static readonly string[] BadIdNumbers = ["3301-0619-9001", "ID?", "33 01 06"];

    /// <summary>A national number without the country code, and E.164 written with separators.</summary>
    public static readonly string[] BadMsisdns = ["13800138000", "+86 138 0013 8000", "+86-138-0013-8000"];

    public static readonly string[] BadSeats = ["A32", "0A", "32"];

    public static readonly string[] BadDates = ["2026/11/02", "2026-11-31", "02-11-2026"];

    public static readonly string[] BadStatuses = ["recovered", "positive", "unknown"];

    public static readonly string[] BadAccuracies = ["approx 300", "n/a"];

    public static readonly string[] NonPositiveAccuracies = ["0", "-50"];
}
