using HealthCode.Risk.Inputs;
using HealthCode.Risk.Stays;

namespace HealthCode.Risk.Rules;

/// <summary>A case's exposure window: the configured span before a confirmed or suspected report.</summary>
public sealed record CaseExposure
{
    private CaseExposure(CaseReport report, Interval window)
    {
        Report = report;
        Window = window;

        // Packed once per case, not once per flag: every companion's evidence starts with it.
        ReportIds = (IReadOnlyList<string>?)PackedRecordIds.TryPack([report.RecordId]) ?? [report.RecordId];
    }

    /// <summary>The report that opened the window.</summary>
    public CaseReport Report { get; }

    /// <summary>The key of the case.</summary>
    public string CaseKey => Report.PersonKey;

    /// <summary>
    /// [reported_at − exposure window, reported_at]: the only time in which the case's acts count.
    /// </summary>
    public Interval Window { get; }

    /// <summary>The report's record id, as a canonical list of one.</summary>
    internal IReadOnlyList<string> ReportIds { get; }

    /// <summary>The exposure window of <paramref name="report"/>, or null when it is a cleared report.</summary>
    public static CaseExposure? Of(CaseReport report, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(settings);

        return report.IsCase
            ? new CaseExposure(report, new Interval(report.ReportedAt - settings.ExposureWindow, report.ReportedAt))
            : null;
    }

    /// <summary>The part of a presence of the case that lies inside the window, or null when none does.</summary>
    public Presence? Clip(Presence presence)
    {
        ArgumentNullException.ThrowIfNull(presence);

        var inside = presence.Span.Intersect(Window);
        return inside is null
            ? null
            : new Presence(presence.PersonKey, presence.Cell, inside.Value, presence.RecordIds);
    }

    /// <summary>Whether a trip of the case counts: it counts when the case departed inside the window.</summary>
    public bool CountsDeparture(DateTimeOffset departsAt) => Window.Contains(departsAt);

    /// <summary>
    /// Whether another passenger's trip is to be judged against the case's trip: the passenger is not the case and
    /// the case departed inside the window. Throws when the case's trip belongs to someone else.
    /// </summary>
    internal bool CountsTrip(string caseTripPersonKey, string caseTripRecordId, DateTimeOffset caseDepartsAt,
        string passengerKey)
    {
        if (caseTripPersonKey != CaseKey)
        {
            throw new ArgumentException(
                $"Trip {caseTripRecordId} is not a trip of case {CaseKey}.", "caseTrip");
        }

        return passengerKey != CaseKey && CountsDeparture(caseDepartsAt);
    }

    /// <summary>When a flag from this exposure is raised: the later of the report and the evidence's end.</summary>
    internal DateTimeOffset RaisedAt(Interval evidenceSpan) =>
        evidenceSpan.End > Report.ReportedAt ? evidenceSpan.End : Report.ReportedAt;
}
