using HealthCode.Contracts.Geo;

namespace HealthCode.Risk.Engine;

/// <summary>
/// One ping as the engine keeps it: 32 bytes and no strings, so that 14 days of pings fit in memory.
/// </summary>
/// <param name="AtMs">When the network saw the SIM, in Unix milliseconds.</param>
/// <param name="Cell">The grid cell of the ping.</param>
/// <param name="RecordId">The feed record id.</param>
internal readonly record struct TrackPing(long AtMs, CellKey Cell, UInt128 RecordId)
{
    /// <summary>The comparer of <see cref="Compare"/>, made once: binary searches run on every ping.</summary>
    public static IComparer<TrackPing> Order { get; } = Comparer<TrackPing>.Create(Compare);

    /// <summary>The total order of a SIM's pings: time, then record id, so equal instants sort the same way.</summary>
    public static int Compare(TrackPing a, TrackPing b)
    {
        var byTime = a.AtMs.CompareTo(b.AtMs);
        return byTime != 0 ? byTime : a.RecordId.CompareTo(b.RecordId);
    }
}
