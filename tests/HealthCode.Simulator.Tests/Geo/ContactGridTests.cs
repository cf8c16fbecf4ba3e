using HealthCode.Simulator.Geo;
using HealthCode.Simulator.Mobility;
using HealthCode.Simulator.Truth;

namespace HealthCode.Simulator.Tests.Geo;

public sealed class ContactGridTests
{
    private readonly ContactGrid _grid = new(800);

    [Theory]
    [InlineData(30.2741, 120.1551)]
    [InlineData(30.15, 120.0)]
    [InlineData(39.9042, 116.4074)]
    public void CellOf_Point_FollowsTheDesignFormula(double lat, double lon)
    {
        var dLat = 800 / 111_320.0;
        var row = (int)Math.Floor(lat / dLat);
        var dLon = 800 / (111_320 * Math.Cos((row + 0.5) * dLat * Math.PI / 180));

        Assert.Equal(new GridCell(row, (int)Math.Floor(lon / dLon)), _grid.CellOf(new GeoPoint(lat, lon)));
    }

    [Fact]
    public void Rasterizer_MovingSegment_SpansCoverItContiguouslyInTheRightCells()
    {
        var segment = new Segment(1_000, 4_600, new GeoPoint(30.20, 120.10), new GeoPoint(30.31, 120.27), -1,
            SegmentKind.Move);
        var spans = new List<CellSpan>();

        new SegmentRasterizer(_grid).Append([segment], spans);

        Assert.True(spans.Count > 20);
        Assert.Equal(segment.Start, spans[0].Start);
        Assert.Equal(segment.End, spans[^1].End);
        Assert.All(spans.Zip(spans.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
        Assert.All(spans.Where(s => s.End - s.Start > 2), s =>
            Assert.Equal(s.Cell, _grid.CellOf(segment.PositionAt((s.Start + s.End) / 2))));
    }

    [Fact]
    public void Rasterizer_StaysInOneCell_MergeAcrossSegments()
    {
        var home = new GeoPoint(30.2741, 120.1551);
        var spans = new List<CellSpan>();
        var rasterizer = new SegmentRasterizer(_grid);

        rasterizer.Append([new Segment(0, 100, home, home, 1, SegmentKind.Stay)], spans);
        rasterizer.Append([new Segment(100, 200, home, home, 1, SegmentKind.Stay)], spans);

        Assert.Equal([new CellSpan(_grid.CellOf(home), 0, 200)], spans);
    }
}
