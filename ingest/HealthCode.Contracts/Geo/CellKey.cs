namespace HealthCode.Contracts.Geo;

/// <summary>A grid cell, packed as <c>(row &lt;&lt; 32) | (uint)col</c>, with a hash that mixes both halves.</summary>
public readonly record struct CellKey(int Row, int Col)
{
    /// <summary>The cell as one 64-bit value, the form stored in events and ClickHouse.</summary>
    public long Packed => ((long)Row << 32) | (uint)Col;

    /// <summary>Unpacks a value made by <see cref="Packed"/>.</summary>
    public static CellKey FromPacked(long packed) => new((int)(packed >> 32), (int)(packed & 0xFFFFFFFF));

    /// <summary>A well-mixed hash of the packed value.</summary>
    /// <remarks>
    /// The default <c>long</c> hash XORs the halves, so neighbouring cells collide in diagonals; the
    /// SplitMix64 finaliser spreads every input bit over the result.
    /// </remarks>
    public override int GetHashCode() => (int)Mix((ulong)Packed);

    /// <inheritdoc/>
    public bool Equals(CellKey other) => Row == other.Row && Col == other.Col;

    /// <summary>The SplitMix64 finaliser, for callers that hash packed cells themselves.</summary>
    public static ulong Mix(ulong value)
    {
        value ^= value >> 30;
        value *= 0xBF58476D1CE4E5B9UL;
        value ^= value >> 27;
        value *= 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Row}:{Col}";
}
