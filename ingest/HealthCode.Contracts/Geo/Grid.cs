namespace HealthCode.Contracts.Geo;

/// <summary>The contact grid of DESIGN: square cells of a configured size, columns narrowing with latitude.</summary>
public sealed class Grid
{
    /// <summary>Metres in one degree of latitude, the constant DESIGN fixes.</summary>
    public const double MetresPerDegree = 111_320.0;

    private readonly double _dLat;

    /// <summary>Creates a grid of <paramref name="cellMetres"/> by <paramref name="cellMetres"/> cells.</summary>
    public Grid(double cellMetres = 800.0)
    {
        if (!(cellMetres > 0) || double.IsInfinity(cellMetres))
        {
            throw new ArgumentOutOfRangeException(
                nameof(cellMetres), cellMetres, "Cell size must be positive metres.");
        }

        CellMetres = cellMetres;
        _dLat = cellMetres / MetresPerDegree;
    }

    /// <summary>The side of a cell in metres.</summary>
    public double CellMetres { get; }

    /// <summary>The height of every row in degrees of latitude.</summary>
    public double RowDegrees => _dLat;

    /// <summary>The cell containing a point.</summary>
    public CellKey CellOf(double lat, double lon)
    {
        var row = (int)Math.Floor(lat / _dLat);
        var col = (int)Math.Floor(lon / ColumnDegrees(row));
        return new CellKey(row, col);
    }

    /// <summary>The width of a column in degrees of longitude on the given row.</summary>
    public double ColumnDegrees(int row)
    {
        var centreLat = (row + 0.5) * _dLat;
        return CellMetres / (MetresPerDegree * Math.Cos(centreLat * Math.PI / 180.0));
    }

    /// <summary>Every cell that a circle of <paramref name="radiusMetres"/> around a point touches.</summary>
    /// <remarks>
    /// The test runs in a local flat frame in metres around the centre: at case-location radii (up to a few
    /// kilometres) the error against the sphere is far below the accuracy of the inputs.
    /// </remarks>
    public IReadOnlyList<CellKey> CellsTouchedByCircle(double lat, double lon, double radiusMetres)
    {
        if (!(radiusMetres >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(radiusMetres), radiusMetres, "Radius must be >= 0.");
        }

        var metresPerDegreeLon = MetresPerDegree * Math.Cos(lat * Math.PI / 180.0);
        var radiusLat = radiusMetres / MetresPerDegree;
        var radiusLon = radiusMetres / metresPerDegreeLon;
        var firstRow = (int)Math.Floor((lat - radiusLat) / _dLat);
        var lastRow = (int)Math.Floor((lat + radiusLat) / _dLat);
        var cells = new List<CellKey>();

        for (var row = firstRow; row <= lastRow; row++)
        {
            var colDegrees = ColumnDegrees(row);
            var firstCol = (int)Math.Floor((lon - radiusLon) / colDegrees);
            var lastCol = (int)Math.Floor((lon + radiusLon) / colDegrees);
            var south = (row * _dLat - lat) * MetresPerDegree;
            var north = ((row + 1) * _dLat - lat) * MetresPerDegree;

            for (var col = firstCol; col <= lastCol; col++)
            {
                var west = (col * colDegrees - lon) * metresPerDegreeLon;
                var east = ((col + 1) * colDegrees - lon) * metresPerDegreeLon;
                var dx = Math.Max(Math.Max(west, -east), 0);
                var dy = Math.Max(Math.Max(south, -north), 0);

                if (dx * dx + dy * dy <= radiusMetres * radiusMetres)
                {
                    cells.Add(new CellKey(row, col));
                }
            }
        }

        return cells;
    }
}
