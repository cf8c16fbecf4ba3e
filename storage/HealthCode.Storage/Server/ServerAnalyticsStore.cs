using System.Runtime.InteropServices;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using HealthCode.Storage.Formats;

namespace HealthCode.Storage.Server;

/// <summary>The analytics store on a ClickHouse server, through ClickHouse.Driver's HTTP client.</summary>
/// <remarks>
/// Not run against a server on the development machine: none that ClickHouse.Driver 1.5 supports can be
/// installed there (Debian ships 18.16 from 2018, without query parameters or DateTime64). It is compiled and
/// unit-tested against a stub HTTP handler only; run the storage tests against a real server before relying on
/// it. Batches travel as the same Native blocks the embedded store stages, posted as <c>INSERT ... FORMAT Native</c>.
/// </remarks>
internal sealed class ServerAnalyticsStore : IAnalyticsStore
{
    private readonly ClickHouseClient _client;

    /// <summary>Creates a store over an existing client (tests pass one built on a stub handler).</summary>
    public ServerAnalyticsStore(ClickHouseClient client, string database)
    {
        _client = client;
        Database = database;
    }

    /// <inheritdoc/>
    public StorageMode Mode => StorageMode.Server;

    /// <inheritdoc/>
    public string Database { get; }

    /// <summary>Creates a store from the settings' connection string.</summary>
    public static ServerAnalyticsStore Open(StorageSettings settings) =>
        new(new ClickHouseClient(settings.ConnectionString!), settings.Database);

    /// <inheritdoc/>
    public async Task ExecuteAsync(
        string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.ExecuteNonQueryAsync(sql, ToDriver(parameters), null, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ClickHouseServerException e)
        {
            throw new ClickHouseException(e.Message, sql, e);
        }
    }

    /// <inheritdoc/>
    public async Task<string> QueryTextAsync(
        string sql, string format, QueryParameters? parameters = null, CancellationToken cancellationToken = default)
    {
        using var connection = _client.CreateConnection();
        using var command = connection.CreateCommand($"{sql}\nFORMAT {format}");

        foreach (var parameter in parameters ?? [])
        {
            command.AddParameter(parameter.Key, parameter.Value);
        }

        try
        {
            using var result = await command.ExecuteRawResultAsync(cancellationToken).ConfigureAwait(false);
            return await result.ReadAsStringAsync().ConfigureAwait(false);
        }
        catch (ClickHouseServerException e)
        {
            throw new ClickHouseException(e.Message, sql, e);
        }
    }

    /// <inheritdoc/>
    public async Task<QueryRows> QueryRowsAsync(
        string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default)
    {
        try
        {
            using var reader = await _client.ExecuteReaderAsync(sql, ToDriver(parameters), null, cancellationToken)
                .ConfigureAwait(false);
            var columns = Enumerable.Range(0, reader.FieldCount)
                .Select(i => new QueryColumn(reader.GetName(i), reader.GetDataTypeName(i)))
                .ToArray();
            var rows = new List<object?[]>();

            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = new object?[columns.Length];

                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }

            return new QueryRows(columns, rows);
        }
        catch (ClickHouseServerException e)
        {
            throw new ClickHouseException(e.Message, sql, e);
        }
    }

    /// <inheritdoc/>
    async Task IAnalyticsStore.InsertAsync(
        IReadOnlyList<string> tables, NativeBlock block, CancellationToken cancellationToken)
    {
        var options = new QueryOptions
        {
            CustomSettings = new Dictionary<string, object>
            {
                ["optimize_on_insert"] = 0,
                ["throw_on_max_partitions_per_insert_block"] = 0,
            },
        };

        foreach (var name in tables)
        {
            var table = $"`{Database}`.`{name}`";

            // Uncompressed: the cluster network is local, and gzip would cost more CPU than the transfer saves.
            using var stream = MemoryMarshal.TryGetArray(block.Data, out var bytes)
                ? new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false)
                : new MemoryStream(block.Data.ToArray(), writable: false);

            try
            {
                using var response = await _client
                    .InsertRawStreamAsync(
                        table, stream, "Native", block.Columns.Select(c => c.Name), false, options, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (ClickHouseServerException e)
            {
                throw new ClickHouseException(e.Message, $"INSERT INTO {table} FORMAT Native", e);
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private static ClickHouseParameterCollection? ToDriver(QueryParameters? parameters)
    {
        if (parameters is null || parameters.Count == 0)
        {
            return null;
        }

        var collection = new ClickHouseParameterCollection();

        foreach (var parameter in parameters)
        {
            collection.AddParameter(parameter.Key, parameter.Value);
        }

        return collection;
    }
}
