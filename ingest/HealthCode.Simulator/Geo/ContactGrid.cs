namespace HealthCode.Simulator.Geo;

/// <summary>
/// The contact grid of the design: row = floor(lat / dLat) with dLat = size / 111320, and per row
/// col = floor(lon / dLon) with dLon = size / (111320 * cos(latitude of the row's centre)).
/// </summary>
/// <remarks>Kept local to the simulator so the ground truth does not depend on the code it checks.</remarks>
internal sealed class ContactGrid
{
    private readonly double[] _dLonByRow;

    public ContactGrid(double cellMeters)
    {
        CellMeters = cellMeters;
        DLat = cellMeters / GeoMath.MetersPerDegree;

        // Rows of the northern hemisphere are precomputed so the hot path never calls Math.Cos.
        _dLonByRow = new double[(int)Math.Ceiling(90.0 / DLat) + 1];

        for (var row = 0; row < _dLonByRow.Length; row++)
        {
            _dLonByRow[row] = ComputeDLon(row);
        }
    }

    public double CellMeters { get; }

    public double DLat { get; }

    public int RowOf(double lat) => (int)Math.Floor(lat / DLat);

    public double DLonOf(int row) => row >= 0 && row < _dLonByRow.Length ? _dLonByRow[row] : ComputeDLon(row);

    public GridCell CellOf(GeoPoint point)
    {
        var row = RowOf(point.Lat);
        return new GridCell(row, (int)Math.Floor(point.Lon / DLonOf(row)));
    }

    private double ComputeDLon(int row)
    {
        var centre = (row + 0.5) * DLat;
        return CellMeters / (GeoMath.MetersPerDegree * Math.Cos(centre * Math.PI / 180.0));
    }
}
