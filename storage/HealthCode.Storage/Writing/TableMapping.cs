using HealthCode.Storage.Formats;
using HealthCode.Storage.Schema;

namespace HealthCode.Storage.Writing;

/// <summary>How events of one type become rows: the columns, and the tables (one or two copies) they go to.</summary>
/// <typeparam name="T">The canonical event type.</typeparam>
internal sealed class TableMapping<T>
{
    private readonly NativeColumn<T>[] _columns;

    /// <summary>Maps events to <paramref name="tables"/>; the columns must be every table's, in table order.</summary>
    public TableMapping(IReadOnlyList<TableDefinition> tables, params NativeColumn<T>[] columns)
    {
        var mapped = columns.Select(c => c.Definition).ToArray();

        foreach (var table in tables)
        {
            if (!mapped.SequenceEqual(table.Columns))
            {
                throw new InvalidOperationException(
                    $"The {typeof(T).Name} mapping encodes " +
                    $"({string.Join(", ", mapped.Select(c => $"{c.Name} {c.Type}"))}) but table {table.Name} has " +
                    $"({string.Join(", ", table.Columns.Select(c => $"{c.Name} {c.Type}"))}).");
            }
        }

        Tables = tables.Select(t => t.Name).ToArray();
        _columns = columns;
    }

    /// <summary>The tables every event goes to.</summary>
    public IReadOnlyList<string> Tables { get; }

    /// <summary>Throws when any event cannot be stored, naming the event and the problem.</summary>
    public void Validate(IReadOnlyList<T> rows)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            foreach (var column in _columns)
            {
                if (column.Check(rows[i]) is { } problem)
                {
                    throw new ArgumentException(
                        $"{typeof(T).Name} {i} of the batch cannot be stored in {Tables[0]}: {problem}.",
                        nameof(rows));
                }
            }
        }
    }

    /// <summary>Encodes the rows, in the order given, as one Native block for all of the mapping's tables.</summary>
    /// <remarks>
    /// Rows are not sorted here. Measured: presorting a 200k-ping batch in C# cost about as much CPU as ClickHouse's
    /// own sort saved; what did cost was ReplacingMergeTree's deduplication on insert, which the stores switch
    /// off (see <see cref="IAnalyticsStore"/>). Unsorted, one block serves both copies of a table.
    /// </remarks>
    public NativeBlock Encode(IReadOnlyList<T> rows)
    {
        var definitions = _columns.Select(c => c.Wire).ToArray();
        using var writer = new NativeBlockWriter(definitions, rows.Count, _columns.Select(c => c.Width).ToArray());

        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];

            for (var c = 0; c < _columns.Length; c++)
            {
                _columns[c].Write(row, writer, c);
            }
        }

        return new NativeBlock(definitions, rows.Count, writer.Finish());
    }
}
