namespace HealthCode.Storage.Research;

/// <summary>The numbers of the companion rule for <see cref="CompanionQuery"/>; defaults are the DESIGN's.</summary>
/// <remarks>
/// Plain values rather than the risk engine's settings type, so storage does not depend on the engine it is meant
/// to cross-check.
/// </remarks>
public sealed record CompanionQueryOptions
{
    /// <summary>
    /// The side of a grid cell in metres (800), used to find the cells a case location's circle touches; it must be
    /// the size ingest packed the pings' cells with.
    /// </summary>
    public double CellMetres { get; init; } = 800.0;

    /// <summary>The longest gap between two pings in one cell that still joins them in a stay (30 minutes).</summary>
    public TimeSpan StayGap { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How far before a case's report its exposure window reaches (14 days).</summary>
    public TimeSpan ExposureWindow { get; init; } = TimeSpan.FromDays(14);

    /// <summary>The shortest overlap with a case in one cell that makes a companion (10 minutes).</summary>
    public TimeSpan MinOverlap { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The person key of one case to look at, or null for every confirmed or suspected report.</summary>
    public string? CaseKey { get; init; }
}
