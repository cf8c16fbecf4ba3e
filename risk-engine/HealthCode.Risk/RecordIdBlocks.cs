namespace HealthCode.Risk;

/// <summary>Slices for the record ids of stays, cut from large blocks that the GC does not copy.</summary>
/// <remarks>
/// <para>
/// A new case's flags keep their stays' ids for as long as the flags stand: at 100,000 people one run of values
/// for each of about 40,000 flags. As arrays of their own they were born in gen0 and copied twice, into gen1 and
/// then into gen2, by the collections during the case. A block of 128 KB goes to the large object heap at once,
/// which the GC marks but does not compact by default.
/// </para>
/// <para>
/// A block lives as long as any slice of it, so the ids of stays no flag holds any more stay in memory until
/// their block's last slice goes. The slices of one block are cut by one thread within one step, mostly for the
/// flags of one case, which end together.
/// </para>
/// </remarks>
internal static class RecordIdBlocks
{
    // 128 KB: above the large object heap's threshold of 85,000 bytes.
    private const int BlockValues = 8_192;

    // Longer runs get an array of their own rather than leave much of a block unused.
    private const int OwnArrayFrom = 1_024;

    [ThreadStatic]
    private static UInt128[]? t_block;

    [ThreadStatic]
    private static int t_used;

    /// <summary>A slice of <paramref name="count"/> values for the caller to fill, holding anything.</summary>
    public static ArraySegment<UInt128> Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count >= OwnArrayFrom)
        {
            return new UInt128[count];
        }

        var block = t_block;
        if (block is null || t_used + count > block.Length)
        {
            // Uninitialized: every slice is written whole before anyone reads it.
            block = t_block = GC.AllocateUninitializedArray<UInt128>(BlockValues);
            t_used = 0;
        }

        var slice = new ArraySegment<UInt128>(block, t_used, count);
        t_used += count;
        return slice;
    }
}
