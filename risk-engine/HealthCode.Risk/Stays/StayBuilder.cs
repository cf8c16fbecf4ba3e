using HealthCode.Contracts.Geo;
using HealthCode.Risk.Inputs;

namespace HealthCode.Risk.Stays;

/// <summary>Turns one person's pings into stays: runs of pings in one cell with no gap over the stay gap.</summary>
public sealed class StayBuilder
{
    private readonly Grid _grid;
    private readonly TimeSpan _stayGap;

    /// <summary>Creates a builder for the grid and stay gap of <paramref name="settings"/>.</summary>
    public StayBuilder(RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _grid = new Grid(settings.CellMetres);
        _stayGap = settings.StayGap;
    }

    /// <summary>
    /// The stays of <paramref name="personKey"/>, in time order, from pings given in any order. Consecutive pings
    /// in the same cell at most the stay gap apart form one stay [first ping, last ping]; a ping in another cell or
    /// after a longer gap starts a new stay. A ping repeated under the same record id counts once.
    /// </summary>
    public IReadOnlyList<Presence> Build(string personKey, IEnumerable<Ping> pings)
    {
        ArgumentException.ThrowIfNullOrEmpty(personKey);
        ArgumentNullException.ThrowIfNull(pings);

        // A total order (time, cell, record id; the engine's TrackPing.Compare) makes the result independent of
        // delivery order, and of the pepper, even for pings observed at the same instant.
        var ordered = pings
            .DistinctBy(p => p.RecordId, StringComparer.Ordinal)
            .Select(p => (Ping: p, Cell: _grid.CellOf(p.Lat, p.Lon)))
            .OrderBy(p => p.Ping.ObservedAt)
            .ThenBy(p => p.Cell.Packed)
            .ThenBy(p => p.Ping.RecordId, StringComparer.Ordinal)
            .ToList();
        var stays = new List<Presence>();

        foreach (var (first, last) in StayRuns.Split(
            ordered.Count, i => ordered[i].Ping.ObservedAt.UtcTicks, i => ordered[i].Cell, _stayGap.Ticks))
        {
            var run = ordered.GetRange(first, last - first + 1).ConvertAll(p => p.Ping);
            stays.Add(ToStay(personKey, ordered[first].Cell, run));
        }

        return stays;
    }

    private static Presence ToStay(string personKey, CellKey cell, List<Ping> run) =>
        new(personKey, cell, new Interval(run[0].ObservedAt, run[^1].ObservedAt), run.Select(p => p.RecordId));
}
