using System.Globalization;
using HealthCode.Storage.Schema;

namespace HealthCode.Storage;

/// <summary>Counts the distinct records in the analytics tables, so replayed records count once.</summary>
/// <remarks>
/// Counts read with FINAL, which collapses rows with equal sorting keys (every event table's key ends with the
/// record id) across parts not yet merged. <c>uniqExact(record_id)</c> gives the same number but holds every id of
/// the table in memory; FINAL streams sorted parts instead. For <c>contacts</c> the count is of flags, withdrawn
/// ones included, and for <c>code_changes</c> of (person, sequence); <see cref="Contacts.ContactQuery"/> and
/// <see cref="Contacts.CodeChangeQuery"/> give the current flags and an exact change count.
/// </remarks>
public sealed class TableCounter
{
    private readonly IAnalyticsStore _store;

    /// <summary>Creates a counter over the store's database.</summary>
    public TableCounter(IAnalyticsStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>The distinct records in one table named in <see cref="StorageTables"/>.</summary>
    public async Task<long> CountRowsAsync(string table, CancellationToken cancellationToken = default)
    {
        var text = await _store.QueryTextAsync(CountSql(Known(table)), "TSV", null, cancellationToken)
            .ConfigureAwait(false);
        return long.Parse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);
    }

    /// <summary>The distinct records in every table, in one query.</summary>
    public async Task<TableCounts> CountAllAsync(CancellationToken cancellationToken = default)
    {
        var sql = string.Join(
            "\nUNION ALL\n",
            StorageTables.All.Select(t => $"SELECT '{t}' AS table_name, ({CountSql(t)}) AS rows"));
        var text = await _store.QueryTextAsync(sql, "TSV", null, cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);

        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            counts[fields[0]] = long.Parse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture);
        }

        return new TableCounts(StorageTables.All.ToDictionary(t => t, t => counts.GetValueOrDefault(t)));
    }

    private string CountSql(string table) => $"SELECT count() FROM `{_store.Database}`.`{table}` FINAL";

    private static string Known(string table) => StorageTables.All.Contains(table)
        ? table
        : throw new ArgumentOutOfRangeException(
            nameof(table), table, $"Not a storage table; the tables are {string.Join(", ", StorageTables.All)}.");
}
