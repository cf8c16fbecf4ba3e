using HealthCode.Contracts.Geo;

namespace HealthCode.Risk.Engine;

/// <summary>A cell on one UTC day: the bucket of the index that finds who was in a cell when.</summary>
/// <param name="Cell">The cell.</param>
/// <param name="Day">Days since the Unix epoch.</param>
internal readonly record struct CellDay(CellKey Cell, int Day)
{
    private const long MsPerDay = 86_400_000L;

    /// <summary>The day number of a Unix-millisecond instant.</summary>
    public static int DayOf(long atMs) => (int)Math.Floor(atMs / (double)MsPerDay);

    /// <inheritdoc/>
    public bool Equals(CellDay other) => Cell.Equals(other.Cell) && Day == other.Day;

    /// <inheritdoc/>
    public override int GetHashCode() => (int)CellKey.Mix((ulong)Cell.Packed ^ ((ulong)(uint)Day << 17));
}
