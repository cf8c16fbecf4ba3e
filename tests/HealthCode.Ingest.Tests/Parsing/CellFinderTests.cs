using HealthCode.Contracts.Geo;
using HealthCode.Ingest.Parsing;

namespace HealthCode.Ingest.Tests.Parsing;

public sealed class CellFinderTests
{
    [Theory]
    [InlineData(800.0)]
    [InlineData(25.0)]
    [InlineData(100_000.0)]
    public void PackedCellOf_RandomPoints_IsTheCellOfTheGrid(double cellMetres)
    {
        var grid = new Grid(cellMetres);
        var finder = new CellFinder(grid);
        var random = new Random(11);

        // Points anywhere and points crowded in one city, so remembered rows are both reused and replaced.
        for (var i = 0; i < 20_000; i++)
        {
            var (lat, lon) = i % 2 == 0
                ? ((random.NextDouble() - 0.5) * 180, (random.NextDouble() - 0.5) * 360)
                : (30.15 + random.NextDouble() * 0.25, 120.0 + random.NextDouble() * 0.35);

            Assert.Equal(grid.CellOf(lat, lon).Packed, finder.PackedCellOf(lat, lon));
        }
    }

    [Fact]
    public void PackedCellOf_Poles_IsTheCellOfTheGrid()
    {
        var grid = new Grid();
        var finder = new CellFinder(grid);

        Assert.Equal(grid.CellOf(90, 180).Packed, finder.PackedCellOf(90, 180));
        Assert.Equal(grid.CellOf(-90, -180).Packed, finder.PackedCellOf(-90, -180));
    }
}
