using HealthCode.Simulator.Geo;

namespace HealthCode.Simulator.Places;

/// <summary>The places of one kind in square buckets of degrees, for ring searches.</summary>
internal sealed class KindBuckets
{
    private readonly double _size;
    private readonly Dictionary<(int Row, int Col), List<int>> _buckets = [];

    public KindBuckets(PlaceTable places, IReadOnlyList<int> ids, double perBucket)
    {
        var minLat = ids.Count == 0 ? 0 : ids.Min(id => places[id].Position.Lat);
        var maxLat = ids.Count == 0 ? 0 : ids.Max(id => places[id].Position.Lat);
        var minLon = ids.Count == 0 ? 0 : ids.Min(id => places[id].Position.Lon);
        var maxLon = ids.Count == 0 ? 0 : ids.Max(id => places[id].Position.Lon);
        var area = Math.Max(1e-4, (maxLat - minLat) * (maxLon - minLon));
        _size = Math.Clamp(Math.Sqrt(area * perBucket / Math.Max(1, ids.Count)), 0.002, 0.5);

        foreach (var id in ids)
        {
            var key = Key(places[id].Position);

            if (!_buckets.TryGetValue(key, out var list))
            {
                list = [];
                _buckets[key] = list;
            }

            list.Add(id);
        }
    }

    /// <summary>Adds the places of the buckets on the square ring at a distance of <paramref name="ring"/>.</summary>
    public void Collect(GeoPoint point, int ring, List<int> found)
    {
        var (row, col) = Key(point);

        if (ring == 0)
        {
            Take(row, col, found);
            return;
        }

        for (var c = col - ring; c <= col + ring; c++)
        {
            Take(row - ring, c, found);
            Take(row + ring, c, found);
        }

        for (var r = row - ring + 1; r < row + ring; r++)
        {
            Take(r, col - ring, found);
            Take(r, col + ring, found);
        }
    }

    private void Take(int row, int col, List<int> found)
    {
        if (_buckets.TryGetValue((row, col), out var list))
        {
            found.AddRange(list);
        }
    }

    private (int Row, int Col) Key(GeoPoint point) =>
        ((int)Math.Floor(point.Lat / _size), (int)Math.Floor(point.Lon / _size));
}
