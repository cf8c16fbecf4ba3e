using HealthCode.Simulator.Geo;

namespace HealthCode.Simulator.Cities;

/// <summary>A lake or river as a polyline with a half-width; nobody lives or works on it.</summary>
internal sealed class WaterArea
{
    private readonly GeoPoint[] _line;

    public WaterArea(string name, double halfWidthMeters, params GeoPoint[] line)
    {
        Name = name;
        HalfWidthMeters = halfWidthMeters;
        _line = line;
    }

    public string Name { get; }

    public double HalfWidthMeters { get; }

    public bool Contains(GeoPoint point)
    {
        if (_line.Length == 1)
        {
            return GeoMath.DistanceMeters(point, _line[0]) <= HalfWidthMeters;
        }

        for (var i = 0; i + 1 < _line.Length; i++)
        {
            if (GeoMath.DistanceToSegmentMeters(point, _line[i], _line[i + 1]) <= HalfWidthMeters)
            {
                return true;
            }
        }

        return false;
    }
}
