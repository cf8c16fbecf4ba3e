namespace HealthCode.Storage;

/// <summary>Distinct records per analytics table, as the demo summary reports them (<c>clickhouse_rows</c>).</summary>
/// <param name="Rows">Distinct records by table name.</param>
public sealed record TableCounts(IReadOnlyDictionary<string, long> Rows)
{
    /// <summary>The distinct records of one table.</summary>
    public long this[string table] => Rows.TryGetValue(table, out var rows)
        ? rows
        : throw new KeyNotFoundException($"No count for table '{table}'; counted: {string.Join(", ", Rows.Keys)}.");
}
