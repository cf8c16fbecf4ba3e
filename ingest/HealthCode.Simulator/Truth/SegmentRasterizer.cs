using HealthCode.Simulator.Geo;
using HealthCode.Simulator.Mobility;

namespace HealthCode.Simulator.Truth;

/// <summary>
/// Turns true trajectories into grid-cell spans, exactly: a segment moves linearly in degrees, so the times it
/// crosses a row edge, and within a row a column edge, follow by solving for the fraction of the way.
/// Consecutive spans in the same cell merge, also across segments and midnights.
/// </summary>
internal sealed class SegmentRasterizer
{
    private readonly ContactGrid _grid;
    private readonly List<double> _cuts = [];
    private readonly List<double> _rowCuts = [];

    public SegmentRasterizer(ContactGrid grid)
    {
        _grid = grid;
    }

    /// <summary>Appends the cell spans of segments to <paramref name="spans"/>, merging with its last span.</summary>
    public void Append(ReadOnlySpan<Segment> segments, List<CellSpan> spans)
    {
        foreach (var segment in segments)
        {
            if (segment.End <= segment.Start)
            {
                continue;
            }

            if (segment.IsStationary)
            {
                Add(spans, new CellSpan(_grid.CellOf(segment.From), segment.Start, segment.End));
                continue;
            }

            AppendMoving(segment, spans);
        }
    }

    private void AppendMoving(Segment segment, List<CellSpan> spans)
    {
        var from = segment.From;
        var to = segment.To;
        _rowCuts.Clear();
        _rowCuts.Add(0);
        AddCrossings(from.Lat, to.Lat, _grid.DLat, _rowCuts);
        _rowCuts.Add(1);
        _rowCuts.Sort();

        for (var r = 0; r + 1 < _rowCuts.Count; r++)
        {
            var (f0, f1) = (_rowCuts[r], _rowCuts[r + 1]);

            if (f1 <= f0)
            {
                continue;
            }

            // Column edges depend on the row, so they are solved per row piece.
            var row = _grid.RowOf(GeoPoint.Lerp(from, to, (f0 + f1) / 2).Lat);
            var dLon = _grid.DLonOf(row);
            _cuts.Clear();
            _cuts.Add(f0);
            var lon0 = from.Lon + (to.Lon - from.Lon) * f0;
            var lon1 = from.Lon + (to.Lon - from.Lon) * f1;

            foreach (var lonEdge in Edges(lon0, lon1, dLon))
            {
                _cuts.Add((lonEdge - from.Lon) / (to.Lon - from.Lon));
            }

            _cuts.Add(f1);
            _cuts.Sort();

            for (var c = 0; c + 1 < _cuts.Count; c++)
            {
                var start = TimeAt(segment, _cuts[c]);
                var end = TimeAt(segment, _cuts[c + 1]);

                if (end > start)
                {
                    var mid = GeoPoint.Lerp(from, to, (_cuts[c] + _cuts[c + 1]) / 2);
                    Add(spans, new CellSpan(_grid.CellOf(mid), start, end));
                }
            }
        }
    }

    private static void AddCrossings(double a, double b, double step, List<double> cuts)
    {
        foreach (var edge in Edges(a, b, step))
        {
            cuts.Add((edge - a) / (b - a));
        }
    }

    /// <summary>Multiples of <paramref name="step"/> strictly between a and b.</summary>
    private static IEnumerable<double> Edges(double a, double b, double step)
    {
        if (a == b)
        {
            yield break;
        }

        var low = Math.Min(a, b);
        var high = Math.Max(a, b);

        for (var k = Math.Floor(low / step) + 1; k * step < high; k++)
        {
            yield return k * step;
        }
    }

    private static int TimeAt(Segment segment, double fraction) =>
        segment.Start + (int)Math.Round((segment.End - segment.Start) * fraction);

    private static void Add(List<CellSpan> spans, CellSpan span)
    {
        if (spans.Count > 0 && spans[^1] is var last && last.Cell == span.Cell && last.End == span.Start)
        {
            spans[^1] = last with { End = span.End };
        }
        else
        {
            spans.Add(span);
        }
    }
}
