using HealthCode.Contracts.Geo;

namespace HealthCode.Contracts.Tests.Geo;

public sealed class CellKeyTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(4000, 15000)]
    [InlineData(-5, -7)]
    [InlineData(int.MaxValue, int.MinValue)]
    public void Packed_RoundTrip_GivesTheSameCell(int row, int col)
    {
        var cell = new CellKey(row, col);

        Assert.Equal(cell, CellKey.FromPacked(cell.Packed));
    }

    [Fact]
    public void Packed_Layout_IsRowInHighHalfColumnInLowHalf()
    {
        Assert.Equal((3L << 32) | 7L, new CellKey(3, 7).Packed);
    }

    [Fact]
    public void GetHashCode_NeighbouringCells_SpreadOverBuckets()
    {
        var buckets = new HashSet<int>();

        for (var row = 4000; row < 4064; row++)
        {
            for (var col = 15000; col < 15064; col++)
            {
                buckets.Add(new CellKey(row, col).GetHashCode() & 1023);
            }
        }

        // 4096 cells into 1024 buckets: a good hash fills nearly all; XOR-folding fills about 64.
        Assert.True(buckets.Count > 950, $"only {buckets.Count} of 1024 buckets used");
    }
}
