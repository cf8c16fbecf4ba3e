using HealthCode.Simulator.Epidemic;
using HealthCode.Simulator.Time;
using HealthCode.Simulator.Truth;

namespace HealthCode.Simulator.Reports;

/// <summary>Case report lines and exposure windows from the episodes that begin inside the simulated period.</summary>
internal static class CaseReports
{
    private const int Day = SimClock.SecondsPerDay;
    private const int WindowSeconds = 14 * Day;

    public static List<CaseReportLine> Lines(EpidemicState state, int people, int horizon)
    {
        var lines = new List<CaseReportLine>();

        for (var person = 0; person < people; person++)
        {
            foreach (var episode in state.EpisodesOf(person))
            {
                Add(lines, person, episode.FirstStatus, episode.ReportedAt, horizon);

                if (episode.ConfirmedAt != episode.ReportedAt)
                {
                    Add(lines, person, CaseStatus.Confirmed, episode.ConfirmedAt, horizon);
                }

                Add(lines, person, CaseStatus.Cleared, episode.ClearedAt, horizon);
            }
        }

        return lines.OrderBy(l => l.ReportedAt).ThenBy(l => l.Person).ToList();
    }

    /// <summary>One window per episode: from 14 days before its first report to its last positive report.</summary>
    public static List<CaseWindow> Windows(EpidemicState state, int people, int horizon)
    {
        var windows = new List<CaseWindow>();

        for (var person = 0; person < people; person++)
        {
            foreach (var episode in state.EpisodesOf(person))
            {
                if (episode.ReportedAt >= horizon)
                {
                    continue;
                }

                var last = episode.ConfirmedAt < horizon ? Math.Max(episode.ConfirmedAt, episode.ReportedAt)
                    : episode.ReportedAt;
                windows.Add(new CaseWindow(person, episode.ReportedAt - WindowSeconds, last, episode.ReportedAt));
            }
        }

        return windows.OrderBy(w => w.FirstReport).ThenBy(w => w.CasePerson).ToList();
    }

    private static void Add(List<CaseReportLine> lines, int person, CaseStatus status, int at, int horizon)
    {
        if (at >= 0 && at < horizon)
        {
            lines.Add(new CaseReportLine(person, status, at));
        }
    }
}
