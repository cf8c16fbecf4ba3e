using HealthCode.Simulator.Engine;
using HealthCode.Simulator.Mobility;
using HealthCode.Simulator.Places;
using HealthCode.Simulator.Randomness;
using HealthCode.Simulator.Time;

namespace HealthCode.Simulator.Epidemic;

/// <summary>
/// Spreads infection by true co-location: for every place an infectious person visited today, each other
/// visitor overlapping in time is infected with probability 1 - exp(-beta * infectivity * minutes). Draws are
/// hashes of the pair and their visits, so the result does not depend on iteration order or threads.
/// </summary>
internal sealed class TransmissionModel
{
    private const int MinimumOverlapSeconds = 60;

    private readonly World _world;
    private readonly EpidemicState _state;
    private readonly CaseScheduler _scheduler;
    private readonly double _scale;

    public TransmissionModel(World world, EpidemicState state, CaseScheduler scheduler)
    {
        _world = world;
        _state = state;
        _scheduler = scheduler;
        _scale = world.Settings.TransmissionScale;
    }

    /// <summary>Applies one day of transmission; returns the number of new infections.</summary>
    public int RunDay(int day, Segment[][] trajectories)
    {
        var dayStart = day * SimClock.SecondsPerDay;
        var dayEnd = dayStart + SimClock.SecondsPerDay;
        var infectious = _state.Infections.Where(c => c.IsInfectiousDuring(dayStart, dayEnd)).ToList();

        if (infectious.Count == 0 || _scale == 0)
        {
            return 0;
        }

        var hot = new HashSet<int>();

        foreach (var course in infectious)
        {
            foreach (var segment in trajectories[course.Person])
            {
                if (segment.PlaceId >= 0 && Beta(_world.Places[segment.PlaceId].Kind) > 0)
                {
                    hot.Add(segment.PlaceId);
                }
            }
        }

        var byPlace = CollectPresences(trajectories, hot);
        var best = new Dictionary<int, Exposure>();

        foreach (var (placeId, presences) in byPlace.OrderBy(p => p.Key))
        {
            Evaluate(placeId, presences, best);
        }

        foreach (var exposure in best.Values.OrderBy(e => e.Target))
        {
            _scheduler.Infect(exposure.Target, exposure.Time, exposure.Source, exposure.Place, exposure.From,
                exposure.To);
        }

        return best.Count;
    }

    private double Beta(PlaceKind kind) => DiseaseParameters.BetaPerMinute(kind) * _scale;

    /// <summary>Presences at the hot places; a ride's several segments in one carriage merge into one.</summary>
    private static Dictionary<int, List<Presence>> CollectPresences(Segment[][] trajectories, HashSet<int> hot)
    {
        var byPlace = new Dictionary<int, List<Presence>>();

        for (var person = 0; person < trajectories.Length; person++)
        {
            var segments = trajectories[person];

            for (var i = 0; i < segments.Length; i++)
            {
                var placeId = segments[i].PlaceId;

                if (placeId < 0 || !hot.Contains(placeId))
                {
                    continue;
                }

                var start = segments[i].Start;

                while (i + 1 < segments.Length && segments[i + 1].PlaceId == placeId)
                {
                    i++;
                }

                if (!byPlace.TryGetValue(placeId, out var list))
                {
                    list = [];
                    byPlace[placeId] = list;
                }

                list.Add(new Presence(person, start, segments[i].End));
            }
        }

        return byPlace;
    }

    private void Evaluate(int placeId, List<Presence> presences, Dictionary<int, Exposure> best)
    {
        var place = _world.Places[placeId];
        var visitors = presences.Select(p => p.Person).Distinct().Count();
        var crowd = Math.Min(1.0, DiseaseParameters.CrowdReference(place.Kind) / (double)visitors);
        var beta = Beta(place.Kind) * crowd;

        foreach (var source in presences)
        {
            if (_state.CourseOf(source.Person) is not { } course)
            {
                continue;
            }

            foreach (var target in presences)
            {
                if (target.Person == source.Person || !_state.IsSusceptible(target.Person)
                    || !CanReach(place.Kind, placeId, source.Person, target.Person))
                {
                    continue;
                }

                var from = Math.Max(Math.Max(source.Start, target.Start), course.InfectiousFrom);
                var to = Math.Min(Math.Min(source.End, target.End), course.InfectiousTo);

                if (to - from < MinimumOverlapSeconds)
                {
                    continue;
                }

                var chance = 1 - Math.Exp(-beta * course.Infectivity * (to - from) / 60.0);
                var seed = _world.Seed;

                if (SeedMixer.Unit(seed, RandomStream.Transmission, source.Person, target.Person, source.Start,
                        target.Start) >= chance)
                {
                    continue;
                }

                var when = from + (int)((to - from) * SeedMixer.Unit(seed, RandomStream.Transmission,
                    target.Person, source.Person, target.Start, source.Start));
                var exposure = new Exposure(target.Person, source.Person, placeId, when, from, to);

                if (!best.TryGetValue(target.Person, out var current) || exposure.IsEarlierThan(current))
                {
                    best[target.Person] = exposure;
                }
            }
        }
    }

    /// <summary>On an aircraft only passengers a couple of rows apart share air; elsewhere everyone present.</summary>
    private bool CanReach(PlaceKind kind, int placeId, int source, int target)
    {
        if (kind != PlaceKind.Aircraft)
        {
            return true;
        }

        var rows = _world.AircraftRows;
        return rows.TryGetValue((source, placeId), out var a) && rows.TryGetValue((target, placeId), out var b)
            && Math.Abs(a - b) <= DiseaseParameters.AircraftRowReach;
    }
}
