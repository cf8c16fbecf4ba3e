using HealthCode.Storage.Formats;

namespace HealthCode.Storage;

/// <summary>The analytics store, embedded (chDB) or server (ClickHouse over HTTP), behind one set of calls.</summary>
/// <remarks>
/// Every call names tables with their database (<c>`db`.`table`</c>): the embedded engine is shared by the whole
/// process, so no call may rely on a current database. ClickHouse errors surface as
/// <see cref="ClickHouseException"/> in both modes.
/// </remarks>
public interface IAnalyticsStore : IAsyncDisposable
{
    /// <summary>Whether this store is embedded or a server client.</summary>
    StorageMode Mode { get; }

    /// <summary>The database this store's tables live in.</summary>
    string Database { get; }

    /// <summary>Runs a statement that returns no rows (DDL, INSERT ... SELECT, OPTIMIZE).</summary>
    Task ExecuteAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>Runs a query and returns its output in a ClickHouse text format: TSV, CSV, JSONEachRow...</summary>
    Task<string> QueryTextAsync(
        string sql, string format, QueryParameters? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>Runs a query and returns its rows as typed CLR values (see <see cref="QueryRows"/>).</summary>
    Task<QueryRows> QueryRowsAsync(
        string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>Inserts one encoded batch into each of <paramref name="tables"/> (unqualified) in turn.</summary>
    /// <remarks>
    /// Inserts run with <c>optimize_on_insert = 0</c>: ReplacingMergeTree otherwise deduplicates every block as it
    /// is written, which measured 2.5 times the CPU of the rest of the insert. Duplicates within a batch are
    /// then collapsed like duplicates across batches, by merges and by FINAL reads.
    /// </remarks>
    internal Task InsertAsync(IReadOnlyList<string> tables, NativeBlock block, CancellationToken cancellationToken);
}
