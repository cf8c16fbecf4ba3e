namespace HealthCode.Risk.Inputs;

/// <summary>A report from the <c>cases</c> feed.</summary>
/// <param name="RecordId">The feed record id, carried into evidence.</param>
/// <param name="PersonKey">The key of the person reported.</param>
/// <param name="Status">Confirmed, suspected or cleared.</param>
/// <param name="ReportedAt">When the report was made; the end of a case's exposure window.</param>
public sealed record CaseReport(string RecordId, string PersonKey, CaseStatus Status, DateTimeOffset ReportedAt)
{
    /// <summary>Whether this report makes the person a case (confirmed or suspected).</summary>
    public bool IsCase => Status is CaseStatus.Confirmed or CaseStatus.Suspected;
}
