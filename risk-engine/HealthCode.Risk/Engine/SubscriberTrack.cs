using HealthCode.Contracts.Geo;
using HealthCode.Risk.Inputs;

namespace HealthCode.Risk.Engine;

/// <summary>One SIM's pings in time order and the registrations that say whose SIM it is.</summary>
internal sealed class SubscriberTrack
{
    private readonly List<TrackPing> _pings = [];
    private readonly List<SubscriberRegistration> _registrations = [];

    public SubscriberTrack(string subscriberKey) => SubscriberKey = subscriberKey;

    public string SubscriberKey { get; }

    /// <summary>The owner by the latest registration (then the greatest record id); null until one arrives.</summary>
    public string? PersonKey { get; private set; }

    public IReadOnlyList<TrackPing> Pings => _pings;

    /// <summary>Every registration of the SIM seen so far, in arrival order.</summary>
    public IReadOnlyList<SubscriberRegistration> Registrations => _registrations;

    /// <summary>
    /// The last candidate search that looked at this SIM (<see cref="DetectionEngine"/>): a SIM is in a cell-day's
    /// list once per run of pings there, so a search meets it again for every detour.
    /// </summary>
    public long SearchedIn { get; set; }

    /// <summary>The cell-day bucket this SIM was last indexed in: a run of pings in one bucket indexes once.</summary>
    public CellDay LastIndexed { get; set; } = new(new CellKey(int.MinValue, int.MinValue), int.MinValue);

    /// <summary>
    /// Inserts a ping in order; false when the same record was already there. The cells of the ping and of its
    /// neighbours come back, since those are the stays the ping can split, join or extend.
    /// </summary>
    public bool Insert(TrackPing ping, out CellKey previous, out CellKey next)
    {
        var index = _pings.Count == 0 || TrackPing.Compare(_pings[^1], ping) < 0
            ? ~_pings.Count
            : _pings.BinarySearch(ping, TrackPing.Order);

        if (index >= 0)
        {
            previous = next = ping.Cell;
            return false;
        }

        index = ~index;
        _pings.Insert(index, ping);

        previous = index > 0 ? _pings[index - 1].Cell : ping.Cell;
        next = index + 1 < _pings.Count ? _pings[index + 1].Cell : ping.Cell;
        return true;
    }

    /// <summary>The index of the first ping at or after an instant (the count when none is).</summary>
    public int IndexOf(long atMs)
    {
        int low = 0, high = _pings.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_pings[middle].AtMs < atMs)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>Whether the SIM has a ping in <paramref name="cell"/> within [from, to].</summary>
    public bool HasPingIn(CellKey cell, long fromMs, long toMs)
    {
        for (var i = IndexOf(fromMs); i < _pings.Count && _pings[i].AtMs <= toMs; i++)
        {
            if (_pings[i].Cell == cell)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The cells of the pings just before and just after an instant, if any, and of every ping at the instant: a
    /// ping of another SIM at that instant sorts among them by record id.
    /// </summary>
    public IEnumerable<CellKey> NeighbourCells(long atMs)
    {
        var after = IndexOf(atMs);

        if (after > 0)
        {
            yield return _pings[after - 1].Cell;
        }

        for (; after < _pings.Count && _pings[after].AtMs == atMs; after++)
        {
            yield return _pings[after].Cell;
        }

        if (after < _pings.Count)
        {
            yield return _pings[after].Cell;
        }
    }

    /// <summary>Adds a registration; true when it changed the owner.</summary>
    public bool Register(SubscriberRegistration registration)
    {
        if (_registrations.Exists(r => r.RecordId == registration.RecordId))
        {
            return false;
        }

        _registrations.Add(registration);
        var latest = _registrations.Aggregate((a, b) => Supersedes(b, a) ? b : a);

        var changed = latest.PersonKey != PersonKey;
        PersonKey = latest.PersonKey;
        return changed;
    }

    /// <summary>
    /// Whether <paramref name="candidate"/> decides the owner over <paramref name="current"/>: the later
    /// registration, and of two at one instant the greater record id.
    /// </summary>
    public static bool Supersedes(SubscriberRegistration candidate, SubscriberRegistration current)
    {
        var byTime = candidate.RegisteredAt.CompareTo(current.RegisteredAt);
        return byTime > 0 || (byTime == 0 && string.CompareOrdinal(candidate.RecordId, current.RecordId) > 0);
    }
}
