namespace HealthCode.Simulator.Epidemic;

/// <summary>
/// One run of case reports for a person: a first report (suspected or confirmed), maybe a confirmation, and a
/// clearance. From the first report the person is isolated in a ward until cleared; a recovered confirmed case
/// then stays home for 14 days. A false alarm (a fever that is not the disease) is cleared without confirmation.
/// </summary>
internal sealed class CaseEpisode
{
    public required int ReportedAt { get; init; }

    public required CaseStatus FirstStatus { get; init; }

    /// <summary>When confirmed (equal to <see cref="ReportedAt"/> if confirmed at once), or Never.</summary>
    public required int ConfirmedAt { get; init; }

    public required int ClearedAt { get; init; }

    /// <summary>End of home quarantine after clearance; equal to <see cref="ClearedAt"/> when there is none.</summary>
    public required int HomeQuarantineUntil { get; init; }

    /// <summary>Time at the fever clinic before the report.</summary>
    public required int ClinicSeconds { get; init; }

    public required bool IsInfection { get; init; }

    /// <summary>The first moment of isolation: arrival at the fever clinic.</summary>
    public int IsolationFrom => ReportedAt - ClinicSeconds;

    public int IsolationUntil => Math.Max(ClearedAt, HomeQuarantineUntil);

    public bool Touches(int from, int to) => from < IsolationUntil && to > IsolationFrom;
}
