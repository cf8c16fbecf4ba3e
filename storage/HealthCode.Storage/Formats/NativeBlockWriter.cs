using HealthCode.Storage.Schema;

namespace HealthCode.Storage.Formats;

/// <summary>Encodes one block of ClickHouse's <c>Native</c> format: column after column, values packed.</summary>
/// <remarks>
/// <para>
/// Layout, as ClickHouse itself writes it to a file: the column count and row count as LEB128, then per column
/// its name and type name (LEB128 length and UTF-8 bytes) and the column's values. Fixed-width values are
/// little-endian back to back, String is LEB128 length then bytes, Array is the cumulative UInt64 end offsets
/// of every row followed by all elements as one column, Nullable is a UInt8 null map of every row followed by a
/// value for every row.
/// </para>
/// <para>
/// Native rather than RowBinary because ClickHouse reads it column by column without parsing rows: measured on
/// this machine, reading 1M pings from tmpfs took 24 ms as Native and 100 ms as RowBinary.
/// </para>
/// <para>
/// Values are written row by row into one buffer per column (two for an Array) and joined at the end: a pass per
/// column over the events read every event object seven times and cost twice as much.
/// </para>
/// </remarks>
internal sealed class NativeBlockWriter : IDisposable
{
    private readonly IReadOnlyList<ColumnDefinition> _columns;
    private readonly ColumnBuffer[] _values;
    private readonly ColumnBuffer?[] _elements;

    /// <summary>Starts a block of <paramref name="columns"/> for <paramref name="rows"/> rows.</summary>
    public NativeBlockWriter(IReadOnlyList<ColumnDefinition> columns, int rows, IReadOnlyList<int> widths)
    {
        _columns = columns;
        Rows = rows;
        _values = new ColumnBuffer[columns.Count];
        _elements = new ColumnBuffer?[columns.Count];

        for (var i = 0; i < columns.Count; i++)
        {
            _values[i] = new ColumnBuffer(checked(widths[i] * rows));
            _elements[i] = HasSecondStream(columns[i].Type)
                ? new ColumnBuffer(checked(widths[i] * rows))
                : null;
        }
    }

    /// <summary>The rows every column of this block holds.</summary>
    public int Rows { get; }

    /// <summary>The buffer of column <paramref name="index"/>'s values (Array offsets, Nullable null map).</summary>
    public ColumnBuffer Values(int index) => _values[index];

    /// <summary>The buffer of an Array column's elements or a Nullable column's values.</summary>
    public ColumnBuffer Elements(int index) =>
        _elements[index] ?? throw new InvalidOperationException(
            $"Column {_columns[index].Name} is neither an Array nor a Nullable.");

    /// <summary>Joins header and columns into the finished block.</summary>
    public ColumnBuffer Finish()
    {
        var total = 20 + _values.Sum(v => v.Written.Length) + _elements.Sum(e => e?.Written.Length ?? 0) +
                    _columns.Sum(c => c.Name.Length + c.Type.Length + 4);
        var block = new ColumnBuffer(total);
        block.WriteVarUInt((ulong)_columns.Count);
        block.WriteVarUInt((ulong)Rows);

        for (var i = 0; i < _columns.Count; i++)
        {
            block.WriteString(_columns[i].Name);
            block.WriteString(_columns[i].Type);
            block.WriteBytes(_values[i].Written);

            if (_elements[i] is { } elements)
            {
                block.WriteBytes(elements.Written);
            }
        }

        return block;
    }

    private static bool HasSecondStream(string type) =>
        type.StartsWith("Array(", StringComparison.Ordinal) || type.StartsWith("Nullable(", StringComparison.Ordinal);

    /// <summary>Returns the column buffers to the pool.</summary>
    public void Dispose()
    {
        foreach (var buffer in _values)
        {
            buffer.Dispose();
        }

        foreach (var buffer in _elements)
        {
            buffer?.Dispose();
        }
    }
}
