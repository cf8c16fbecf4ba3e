using HealthCode.Simulator.Engine;
using HealthCode.Simulator.Geo;
using HealthCode.Simulator.Mobility;
using HealthCode.Simulator.Time;
using HealthCode.Simulator.Travel;

namespace HealthCode.Simulator.Truth;

/// <summary>
/// Finds every true contact of every reported case by re-planning true trajectories: companions by exact cell
/// spans against an index of the cases' spans, travel contacts from the seats of rides actually taken.
/// Contacts are handed to a sink batch by batch (travel contacts first, then companions in person order), so
/// memory stays bounded however many there are.
/// </summary>
internal sealed class ContactFinder
{
    /// <summary>The companion rule's minimum overlap, 10 minutes.</summary>
    public const int MinimumOverlapSeconds = 600;

    private const int ChunkSize = 256;
    private const int ChunksPerBatch = 64;

    private readonly World _world;
    private readonly DayPlanner _planner;
    private readonly ParallelOptions _parallel;

    public ContactFinder(World world, DayPlanner planner, ParallelOptions parallel)
    {
        _world = world;
        _planner = planner;
        _parallel = parallel;
    }

    /// <summary>Passes every contact to <paramref name="sink"/>; returns how many there were.</summary>
    public async Task<long> FindAsync(IReadOnlyList<CaseWindow> windows, Func<TrueContact, ValueTask> sink,
        CancellationToken cancellationToken)
    {
        if (windows.Count == 0)
        {
            return 0;
        }

        var count = 0L;

        foreach (var contact in FindTravelContacts(windows))
        {
            await sink(contact).ConfigureAwait(false);
            count++;
        }

        var index = IndexCaseSpans(windows);
        var firstDay = windows.Min(w => DaysOf(w.From, w.To).First);
        var lastDay = windows.Max(w => DaysOf(w.From, w.To).Last);
        var chunks = (_world.People.Count + ChunkSize - 1) / ChunkSize;

        for (var batch = 0; batch < chunks; batch += ChunksPerBatch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var last = Math.Min(chunks, batch + ChunksPerBatch);
            var found = FindCompanions(windows, index, firstDay, lastDay, batch, last);

            foreach (var contact in found.SelectMany(f => f))
            {
                await sink(contact).ConfigureAwait(false);
                count++;
            }
        }

        return count;
    }

    /// <summary>The days of the simulation a window touches.</summary>
    private (int First, int Last) DaysOf(int from, int to) =>
        (Math.Max(0, SimClock.DayOf(from)), Math.Min(_world.Clock.Days - 1, SimClock.DayOf(to)));

    /// <summary>Companions of the people in chunks [first, last), one list per chunk in chunk order.</summary>
    private List<TrueContact>[] FindCompanions(IReadOnlyList<CaseWindow> windows,
        Dictionary<GridCell, List<(int Window, int Start, int End)>> index, int firstDay, int lastDay, int first,
        int last)
    {
        var people = _world.People.Count;
        var found = new List<TrueContact>[last - first];

        Parallel.For(first, last, _parallel, () => new ChunkTools(_world),
            (chunk, _, tools) =>
            {
                var result = new List<TrueContact>();

                for (var person = chunk * ChunkSize; person < Math.Min(people, (chunk + 1) * ChunkSize); person++)
                {
                    tools.Spans.Clear();

                    for (var day = firstDay; day <= lastDay; day++)
                    {
                        tools.Rasterizer.Append(_planner.Plan(person, day, tools.Builder), tools.Spans);
                    }

                    Match(person, tools.Spans, index, windows, result);
                }

                found[chunk - first] = result;
                return tools;
            },
            _ => { });

        return found;
    }

    private static void Match(int person, List<CellSpan> spans,
        Dictionary<GridCell, List<(int Window, int Start, int End)>> index, IReadOnlyList<CaseWindow> windows,
        List<TrueContact> result)
    {
        foreach (var span in spans)
        {
            if (!index.TryGetValue(span.Cell, out var caseSpans))
            {
                continue;
            }

            foreach (var (window, start, end) in caseSpans)
            {
                var from = Math.Max(span.Start, start);
                var to = Math.Min(span.End, end);

                if (windows[window].CasePerson != person && to - from >= MinimumOverlapSeconds)
                {
                    result.Add(new TrueContact(person, windows[window], ContactRule.Companion, span.Cell, null, from,
                        to));
                }
            }
        }
    }

    /// <summary>Each case's cell spans inside its windows, by cell.</summary>
    private Dictionary<GridCell, List<(int Window, int Start, int End)>> IndexCaseSpans(
        IReadOnlyList<CaseWindow> windows)
    {
        var index = new Dictionary<GridCell, List<(int, int, int)>>();
        var tools = new ChunkTools(_world);

        for (var w = 0; w < windows.Count; w++)
        {
            var window = windows[w];
            var (first, last) = DaysOf(window.From, window.To);
            tools.Spans.Clear();

            for (var day = first; day <= last; day++)
            {
                tools.Rasterizer.Append(_planner.Plan(window.CasePerson, day, tools.Builder), tools.Spans);
            }

            foreach (var span in tools.Spans)
            {
                var start = Math.Max(span.Start, window.From);
                var end = Math.Min(span.End, window.To);

                if (end <= start)
                {
                    continue;
                }

                if (!index.TryGetValue(span.Cell, out var list))
                {
                    list = [];
                    index[span.Cell] = list;
                }

                list.Add((w, start, end));
            }
        }

        return index;
    }

    private List<TrueContact> FindTravelContacts(IReadOnlyList<CaseWindow> windows)
    {
        var taken = _world.Rides.Where(IsTaken).GroupBy(r => r.Service.Id).ToDictionary(g => g.Key, g => g.ToList());
        var result = new List<TrueContact>();

        foreach (var window in windows)
        {
            var caseRides = taken.Values.SelectMany(r => r)
                .Where(r => r.PersonIndex == window.CasePerson && r.Departs < window.To && r.Arrives > window.From);

            foreach (var caseRide in caseRides)
            {
                foreach (var other in taken[caseRide.Service.Id])
                {
                    if (other.PersonIndex == window.CasePerson)
                    {
                        continue;
                    }

                    var from = Math.Max(caseRide.Departs, other.Departs);
                    var to = Math.Min(caseRide.Arrives, other.Arrives);
                    var rule = RuleOf(caseRide, other, to > from);

                    if (rule is { } r)
                    {
                        var end = Math.Max(from, to);
                        result.Add(new TrueContact(other.PersonIndex, window, r, null, other, from, end));
                    }
                }
            }
        }

        return result.OrderBy(c => c.Window.FirstReport).ThenBy(c => c.Window.CasePerson).ThenBy(c => c.Person)
            .ThenBy(c => c.From).ToList();
    }

    private static ContactRule? RuleOf(Ride caseRide, Ride other, bool overlapping)
    {
        if (caseRide.Service.IsFlight)
        {
            return Math.Abs(caseRide.SeatRow - other.SeatRow) <= 3 ? ContactRule.Flight : ContactRule.FellowTraveller;
        }

        if (other.Carriage != caseRide.Carriage)
        {
            return ContactRule.FellowTraveller;
        }

        // Same carriage at different times (one got off before the other boarded) is no contact at all.
        return overlapping ? ContactRule.Rail : null;
    }

    private bool IsTaken(Ride ride)
    {
        var person = _world.People[ride.PersonIndex];
        return person.Trip is { } trip && _planner.IsTripTaken(person, trip) && ride.Departs < _world.Clock.Horizon;
    }
}
