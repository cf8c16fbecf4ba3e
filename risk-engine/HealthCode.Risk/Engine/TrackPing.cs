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

    /// <summary>
    /// The total order of a person's pings: time, then cell, then record id. Pings at one instant in different
    /// cells sort by cell, which depends only on the data: record ids hash the pseudonymised subscriber key, so an
    /// order by id alone would make the stays (and the contacts) depend on the pepper.
    /// </summary>
    public static int Compare(TrackPing a, TrackPing b)
    {
        var byTime = a.AtMs.CompareTo(b.AtMs);
        if (byTime != 0)
        {
            return byTime;
        }

        var byCell = a.Cell.Packed.CompareTo(b.Cell.Packed);
        return byCell != 0 ? byCell : a.RecordId.CompareTo(b.RecordId);
    }
}
