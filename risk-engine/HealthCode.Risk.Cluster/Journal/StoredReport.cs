using HealthCode.Risk.Inputs;

namespace HealthCode.Risk.Cluster.Journal;

/// <summary>A case report about the person, as the journal keeps it.</summary>
/// <param name="RecordId">The feed record id.</param>
/// <param name="Status">Confirmed, suspected or cleared.</param>
/// <param name="ReportedAtMs">When it was reported, Unix milliseconds.</param>
public sealed record StoredReport(string RecordId, CaseStatus Status, long ReportedAtMs)
{
    /// <summary>The journal form of <paramref name="report"/>.</summary>
    public static StoredReport From(CaseReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new StoredReport(report.RecordId, report.Status, report.ReportedAt.ToUnixTimeMilliseconds());
    }

    /// <summary>The report this stands for, about <paramref name="personKey"/>.</summary>
    public CaseReport ToReport(string personKey) =>
        new(RecordId, personKey, Status, DateTimeOffset.FromUnixTimeMilliseconds(ReportedAtMs));
}
