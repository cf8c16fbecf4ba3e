using HealthCode.Simulator.Engine;
using HealthCode.Simulator.Geo;
using HealthCode.Simulator.Mobility;
using HealthCode.Simulator.Places;
using HealthCode.Simulator.Randomness;
using HealthCode.Simulator.Time;
using HealthCode.Simulator.Truth;

namespace HealthCode.Simulator.Reports;

/// <summary>
/// What an investigation finds out about a case: the places of its true stays in the 14 days before the first
/// report, as circles of 50 to 300 m around a slightly misplaced point, with times rounded outwards to
/// quarter hours. Interviews miss a few places, never the home.
/// </summary>
internal sealed class CaseInvestigator
{
    private const int Quarter = 15 * 60;
    private const int MinimumStaySeconds = 5 * 60;
    private const double ForgottenShare = 0.08;

    private readonly World _world;
    private readonly DayPlanner _planner;

    public CaseInvestigator(World world, DayPlanner planner)
    {
        _world = world;
        _planner = planner;
    }

    public List<CaseLocationLine> Investigate(IReadOnlyList<CaseWindow> windows)
    {
        var lines = new List<CaseLocationLine>();
        var builder = new TrajectoryBuilder(_world.Places);

        foreach (var window in windows)
        {
            var stays = StaysOf(window, builder);
            var rng = Rng.For(_world.Seed, RandomStream.Investigation, window.CasePerson, window.FirstReport);

            foreach (var stay in stays)
            {
                var place = _world.Places[stay.PlaceId];

                if (place.Kind != PlaceKind.Home && rng.Chance(ForgottenShare))
                {
                    continue;
                }

                var radius = Radius(place.Kind, ref rng);
                var position = GeoMath.Offset(place.Position, rng.Normal(0, radius * 0.15),
                    rng.Normal(0, radius * 0.15));
                var from = (int)Math.Floor(stay.Start / (double)Quarter) * Quarter;
                var to = (int)Math.Ceiling(stay.End / (double)Quarter) * Quarter;
                var venue = place.Kind == PlaceKind.Home ? null : place.Name;
                lines.Add(new CaseLocationLine(window.CasePerson, position, radius, from, to, venue,
                    window.FirstReport));
            }
        }

        return lines;
    }

    /// <summary>The case's stays in the 14 days before the first report, merged across midnights.</summary>
    private List<Segment> StaysOf(CaseWindow window, TrajectoryBuilder builder)
    {
        var from = Math.Max(0, window.FirstReport - 14 * SimClock.SecondsPerDay);
        var to = window.FirstReport;
        var stays = new List<Segment>();

        for (var day = SimClock.DayOf(from); day <= SimClock.DayOf(to) && day < _world.Clock.Days; day++)
        {
            foreach (var segment in _planner.Plan(window.CasePerson, day, builder))
            {
                var start = Math.Max(segment.Start, from);
                var end = Math.Min(segment.End, to);

                if (segment.Kind != SegmentKind.Stay || end <= start
                    || _world.Places[segment.PlaceId].Kind == PlaceKind.IsolationWard)
                {
                    continue;
                }

                if (stays.Count > 0 && stays[^1].PlaceId == segment.PlaceId && stays[^1].End == start)
                {
                    stays[^1] = stays[^1] with { End = end };
                }
                else
                {
                    stays.Add(segment with { Start = start, End = end });
                }
            }
        }

        return stays.Where(s => s.End - s.Start >= MinimumStaySeconds).ToList();
    }

    private static int Radius(PlaceKind kind, ref Rng rng) => kind switch
    {
        PlaceKind.Home => rng.Next(50, 101),
        PlaceKind.Office or PlaceKind.Factory or PlaceKind.School => rng.Next(100, 201),
        PlaceKind.Hospital or PlaceKind.Mall or PlaceKind.Park or PlaceKind.Attraction => rng.Next(150, 301),
        PlaceKind.RailStation or PlaceKind.Airport => 300,
        _ => rng.Next(50, 201),
    };
}
