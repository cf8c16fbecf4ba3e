namespace HealthCode.Simulator.Tests.Support;

/// <summary>The design's 800 m grid, written again for the tests, with a tolerance for rounded coordinates.</summary>
internal static class TestGrid
{
    private const double Size = 800;
    private const double DLat = Size / 111_320;

    /// <summary>Coordinates in the truth files are rounded to 1e-6 degrees, about 0.1 m.</summary>
    private const double ToleranceDegrees = 2e-6;

    public static (int Row, int Col) CellOf(double lat, double lon)
    {
        var row = (int)Math.Floor(lat / DLat);
        return (row, (int)Math.Floor(lon / DLon(row)));
    }

    /// <summary>Whether a point is in a cell, or so close to its edge that rounding may have moved it out.</summary>
    public static bool IsIn(double lat, double lon, int row, int col) =>
        lat >= row * DLat - ToleranceDegrees && lat <= (row + 1) * DLat + ToleranceDegrees
        && lon >= col * DLon(row) - ToleranceDegrees && lon <= (col + 1) * DLon(row) + ToleranceDegrees;

    public static bool NearEdge(double lat, double lon)
    {
        var (row, col) = CellOf(lat, lon);
        return lat - row * DLat < ToleranceDegrees || (row + 1) * DLat - lat < ToleranceDegrees
            || lon - col * DLon(row) < ToleranceDegrees || (col + 1) * DLon(row) - lon < ToleranceDegrees;
    }

    private static double DLon(int row) => Size / (111_320 * Math.Cos((row + 0.5) * DLat * Math.PI / 180));
}
