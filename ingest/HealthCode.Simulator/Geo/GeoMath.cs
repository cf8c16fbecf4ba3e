namespace HealthCode.Simulator.Geo;

/// <summary>Distances and offsets on the sphere, good to a few metres at city scale.</summary>
internal static class GeoMath
{
    /// <summary>Metres in one degree of latitude, the constant the contact grid of the design uses.</summary>
    public const double MetersPerDegree = 111_320.0;

    private const double EarthRadiusMeters = 6_371_008.8;
    private const double Radians = Math.PI / 180.0;

    /// <summary>Great-circle distance by the haversine formula.</summary>
    public static double DistanceMeters(GeoPoint a, GeoPoint b)
    {
        var dLat = (b.Lat - a.Lat) * Radians;
        var dLon = (b.Lon - a.Lon) * Radians;
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(a.Lat * Radians) * Math.Cos(b.Lat * Radians) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1.0, Math.Sqrt(h)));
    }

    /// <summary>The point the given metres north and east of an origin (local flat approximation).</summary>
    public static GeoPoint Offset(GeoPoint origin, double northMeters, double eastMeters) =>
        new(origin.Lat + northMeters / MetersPerDegree,
            origin.Lon + eastMeters / (MetersPerDegree * Math.Cos(origin.Lat * Radians)));

    /// <summary>Distance from a point to the segment a-b in a local equirectangular projection.</summary>
    public static double DistanceToSegmentMeters(GeoPoint p, GeoPoint a, GeoPoint b)
    {
        var cos = Math.Cos(p.Lat * Radians);
        var ax = (a.Lon - p.Lon) * cos * MetersPerDegree;
        var ay = (a.Lat - p.Lat) * MetersPerDegree;
        var bx = (b.Lon - p.Lon) * cos * MetersPerDegree;
        var by = (b.Lat - p.Lat) * MetersPerDegree;
        var dx = bx - ax;
        var dy = by - ay;
        var lengthSquared = dx * dx + dy * dy;
        var t = lengthSquared == 0 ? 0 : Math.Clamp(-(ax * dx + ay * dy) / lengthSquared, 0, 1);
        var x = ax + t * dx;
        var y = ay + t * dy;
        return Math.Sqrt(x * x + y * y);
    }
}
