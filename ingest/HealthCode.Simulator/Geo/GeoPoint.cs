namespace HealthCode.Simulator.Geo;

/// <summary>A WGS 84 position in degrees.</summary>
internal readonly record struct GeoPoint(double Lat, double Lon)
{
    /// <summary>The point a fraction of the way from <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <remarks>Linear in degrees: every trajectory, ping and test uses this same interpolation.</remarks>
    public static GeoPoint Lerp(GeoPoint from, GeoPoint to, double fraction) =>
        new(from.Lat + (to.Lat - from.Lat) * fraction, from.Lon + (to.Lon - from.Lon) * fraction);
}
