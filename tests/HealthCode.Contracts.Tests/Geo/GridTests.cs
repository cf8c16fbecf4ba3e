using HealthCode.Contracts.Geo;

namespace HealthCode.Contracts.Tests.Geo;

public sealed class GridTests
{
    private const double DLat = 800.0 / 111_320.0;

    private readonly Grid _grid = new();

    [Fact]
    public void CellOf_PointInHangzhou_MatchesDesignFormula()
    {
        const double lat = 30.2741, lon = 120.1551;

        var cell = _grid.CellOf(lat, lon);

        var row = (int)Math.Floor(lat / DLat);
        var centre = (row + 0.5) * DLat;
        var dLon = 800.0 / (111_320.0 * Math.Cos(centre * Math.PI / 180.0));
        Assert.Equal(row, cell.Row);
        Assert.Equal((int)Math.Floor(lon / dLon), cell.Col);
    }

    [Fact]
    public void CellOf_SouthAndWestOfOrigin_FloorsTowardsNegative()
    {
        var cell = _grid.CellOf(-0.0001, -0.0001);

        Assert.Equal(-1, cell.Row);
        Assert.Equal(-1, cell.Col);
    }

    [Fact]
    public void CellOf_TwoPointsAcrossRowBoundary_DifferByOneRow()
    {
        var boundary = 4000 * DLat;

        var below = _grid.CellOf(boundary - 1e-9, 120);
        var above = _grid.CellOf(boundary + 1e-9, 120);

        Assert.Equal(below.Row + 1, above.Row);
    }

    [Fact]
    public void ColumnDegrees_HigherLatitude_IsWider()
    {
        var equator = _grid.ColumnDegrees(0);
        var north = _grid.CellOf(60, 0).Row;

        Assert.True(_grid.ColumnDegrees(north) > 1.9 * equator);
    }

    [Fact]
    public void CellsTouchedByCircle_ZeroRadius_IsOnlyTheContainingCell()
    {
        var cells = _grid.CellsTouchedByCircle(30.2741, 120.1551, 0);

        Assert.Equal([_grid.CellOf(30.2741, 120.1551)], cells);
    }

    [Fact]
    public void CellsTouchedByCircle_SmallCircleInCellCentre_IsOneCell()
    {
        var cell = _grid.CellOf(30.2741, 120.1551);
        var centreLat = (cell.Row + 0.5) * DLat;
        var centreLon = (cell.Col + 0.5) * _grid.ColumnDegrees(cell.Row);

        var cells = _grid.CellsTouchedByCircle(centreLat, centreLon, 300);

        Assert.Equal([cell], cells);
    }

    [Fact]
    public void CellsTouchedByCircle_CircleOverCorner_TouchesBothRowsAndColumns()
    {
        var cell = _grid.CellOf(30.2741, 120.1551);
        var cornerLat = (cell.Row + 1) * DLat;
        var cornerLon = (cell.Col + 1) * _grid.ColumnDegrees(cell.Row);

        var cells = _grid.CellsTouchedByCircle(cornerLat - 1e-6, cornerLon - 1e-6, 50);

        // Columns of the next row are a little narrower, so its boundaries do not line up with this row's.
        Assert.Contains(cell, cells);
        Assert.Contains(new CellKey(cell.Row, cell.Col + 1), cells);
        Assert.Contains(cells, c => c.Row == cell.Row + 1);
        Assert.All(cells, c => Assert.InRange(c.Row, cell.Row, cell.Row + 1));
    }

    [Fact]
    public void CellsTouchedByCircle_LargeCircle_ExcludesCornerCellsOutsideIt()
    {
        var cell = _grid.CellOf(30.2741, 120.1551);
        var centreLat = (cell.Row + 0.5) * DLat;
        var centreLon = (cell.Col + 0.5) * _grid.ColumnDegrees(cell.Row);

        // 500 m reaches the four neighbours (400 m to their edge) but not the diagonals (about 566 m away).
        var cells = _grid.CellsTouchedByCircle(centreLat, centreLon, 500);

        Assert.Equal(5, cells.Count);
        Assert.DoesNotContain(new CellKey(cell.Row + 1, cell.Col + 1), cells);
    }

    [Fact]
    public void Constructor_NonPositiveCellSize_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Grid(0));
    }
}
