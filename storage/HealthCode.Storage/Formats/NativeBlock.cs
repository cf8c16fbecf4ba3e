using HealthCode.Storage.Schema;

namespace HealthCode.Storage.Formats;

/// <summary>An encoded batch: the Native bytes and their columns, ready for either store and any table.</summary>
internal sealed class NativeBlock : IDisposable
{
    private readonly ColumnBuffer _bytes;

    /// <summary>Wraps finished Native bytes; the block owns and returns their buffer.</summary>
    public NativeBlock(IReadOnlyList<ColumnDefinition> columns, int rows, ColumnBuffer bytes)
    {
        Columns = columns;
        Rows = rows;
        _bytes = bytes;
    }

    /// <summary>The encoded columns in block order.</summary>
    public IReadOnlyList<ColumnDefinition> Columns { get; }

    /// <summary>The rows in the block.</summary>
    public int Rows { get; }

    /// <summary>The Native-format bytes.</summary>
    public ReadOnlyMemory<byte> Data => _bytes.WrittenMemory;

    /// <summary>The column list of an INSERT, quoted.</summary>
    public string ColumnList => string.Join(", ", Columns.Select(c => "`" + c.Name + "`"));

    /// <inheritdoc/>
    public void Dispose() => _bytes.Dispose();
}
