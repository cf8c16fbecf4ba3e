using HealthCode.Risk.Inputs;
using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Codes;

/// <summary>Turns a person's own case reports into red terms, from the first case report to after clearance.</summary>
internal static class CaseTerms
{
    /// <summary>
    /// The case terms of one person. A confirmed or suspected report opens a case (or joins the open one); a
    /// cleared report closes the open case, which stays red for the cleared-case span after it; a cleared report
    /// with no open case changes nothing. Reports at one instant apply case reports first, then record id order.
    /// </summary>
    public static IEnumerable<QuarantineTerm> Of(IEnumerable<CaseReport> reports, RuleSettings settings)
    {
        var ordered = reports
            .OrderBy(r => r.ReportedAt)
            .ThenBy(r => r.IsCase ? 0 : 1)
            .ThenBy(r => r.RecordId, StringComparer.Ordinal);
        var open = new List<CaseReport>();

        foreach (var report in ordered)
        {
            if (report.IsCase)
            {
                open.Add(report);
            }
            else if (open.Count > 0)
            {
                yield return Term(open, report, report.ReportedAt + settings.CaseClearedQuarantine, settings);
                open.Clear();
            }
        }

        if (open.Count > 0)
        {
            yield return Term(open, null, null, settings);
        }
    }

    private static QuarantineTerm Term(
        List<CaseReport> open, CaseReport? cleared, DateTimeOffset? end, RuleSettings settings)
    {
        var first = open[0];
        var spanEnd = cleared?.ReportedAt ?? open[^1].ReportedAt;
        var ids = open.Select(r => r.RecordId).Concat(cleared is null ? [] : [cleared.RecordId]);
        var evidence = new Evidence(
            Rule.Case, first.PersonKey, "case report", new Interval(first.ReportedAt, spanEnd), ids, settings.Version);

        return new QuarantineTerm(CodeColour.Red, first.ReportedAt, end, [evidence], IsHold: false);
    }
}
