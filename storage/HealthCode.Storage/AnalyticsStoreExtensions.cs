using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthCode.Storage;

/// <summary>Typed reads on top of <see cref="IAnalyticsStore"/>.</summary>
public static class AnalyticsStoreExtensions
{
    // ClickHouse quotes 64-bit integers in JSON by default (output_format_json_quote_64bit_integers).
    private static readonly JsonSerializerOptions SnakeCase = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>Runs a query as JSONEachRow and deserialises each row; columns bind to snake_case names.</summary>
    public static async Task<IReadOnlyList<T>> QueryJsonAsync<T>(
        this IAnalyticsStore store,
        string sql,
        QueryParameters? parameters = null,
        JsonSerializerOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var text = await store.QueryTextAsync(sql, "JSONEachRow", parameters, cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();

        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            rows.Add(JsonSerializer.Deserialize<T>(line, options ?? SnakeCase)
                     ?? throw new JsonException($"ClickHouse returned a null row for {typeof(T).Name}."));
        }

        return rows;
    }

    /// <summary>Runs a query returning one value and converts it to <typeparamref name="T"/>.</summary>
    public static async Task<T> QueryScalarAsync<T>(
        this IAnalyticsStore store,
        string sql,
        QueryParameters? parameters = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var rows = await store.QueryRowsAsync(sql, parameters, cancellationToken).ConfigureAwait(false);

        return rows.Count == 1 && rows.Columns.Count == 1
            ? rows.Get<T>(0, rows.Columns[0].Name)
            : throw new InvalidOperationException(
                $"A scalar query returned {rows.Count} rows of {rows.Columns.Count} columns: {sql}");
    }
}
