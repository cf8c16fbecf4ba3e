using HealthCode.Contracts.Geo;

namespace HealthCode.Ingest.Parsing;

/// <summary><see cref="Grid.CellOf"/> with the column width of recent rows remembered.</summary>
/// <remarks>
/// The column width of a row takes a cosine, the dearest step of finding a cell, yet the pings of one carrier
/// fall on a few hundred rows. Widths are kept in a small table indexed by the row's low bits; the result is
/// the same double arithmetic as <see cref="Grid.CellOf"/>, so the same cell.
/// </remarks>
internal sealed class CellFinder
{
    private const int Slots = 1 << 10;

    private readonly Grid _grid;
    private readonly int[] _rows = new int[Slots];
    private readonly double[] _columnDegrees = new double[Slots];

    public CellFinder(Grid grid)
    {
        _grid = grid;

        // No row is int.MinValue at any valid latitude, so it marks a slot not yet filled.
        Array.Fill(_rows, int.MinValue);
    }

    /// <summary>The packed cell containing a point, as <see cref="CellKey.Packed"/>.</summary>
    public long PackedCellOf(double lat, double lon)
    {
        var row = (int)Math.Floor(lat / _grid.RowDegrees);
        var slot = row & (Slots - 1);

        if (_rows[slot] != row)
        {
            _rows[slot] = row;
            _columnDegrees[slot] = _grid.ColumnDegrees(row);
        }

        var col = (int)Math.Floor(lon / _columnDegrees[slot]);
        return new CellKey(row, col).Packed;
    }
}
