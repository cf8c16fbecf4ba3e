using System.Diagnostics;
using HealthCode.Risk.Engine;
using HealthCode.Risk.Inputs;
using HealthCode.Storage;
using Microsoft.Extensions.Logging;

namespace HealthCode.Node.Risk;

/// <summary>
/// Rebuilds the engine's indexes from the events ClickHouse has stored, so that a restarted engine knows the
/// history it had before: a case reported after the restart still finds contacts from before it.
/// </summary>
/// <remarks>
/// Rows are read without FINAL: the engine drops repeats by record id itself. Pings are read one day at a time, in
/// the order the subscriber table is sorted, and each day goes to the partitions before the next is read, so
/// neither a query nor the router has to hold the whole history at once.
/// </remarks>
internal static class HistoryLoader
{
    private const long MsPerDay = 86_400_000;

    /// <summary>
    /// Adds every stored event to <paramref name="engine"/>, awaiting <paramref name="flush"/> after each table and
    /// each day of pings; returns how many rows were read.
    /// </summary>
    public static async Task<long> LoadAsync(IAnalyticsStore store, IRecordSink engine, Func<Task> flush,
        ILogger logger, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var db = $"`{store.Database}`";
        long rows = 0;

        rows += await ReadAsync(store, $"""
            SELECT record_id, subscriber_key, person_key, toUnixTimestamp64Milli(registered_at) AS at_ms
            FROM {db}.subscribers
            """, (r, i) => engine.Add(new SubscriberRegistration(Id(r, i), r.Get<string>(i, "subscriber_key"),
                r.Get<string>(i, "person_key"), At(r, i, "at_ms"))), cancellationToken).ConfigureAwait(false);

        rows += await ReadAsync(store, $"""
            SELECT record_id, person_key, toInt8(status) AS status_code, toUnixTimestamp64Milli(reported_at) AS at_ms
            FROM {db}.case_reports
            """, (r, i) => engine.Add(new CaseReport(Id(r, i), r.Get<string>(i, "person_key"),
                (CaseStatus)r.Get<sbyte>(i, "status_code"), At(r, i, "at_ms"))), cancellationToken)
            .ConfigureAwait(false);

        rows += await ReadAsync(store, $"""
            SELECT record_id, case_person_key, lat, lon, radius_m, venue,
                toUnixTimestamp64Milli(from_at) AS from_ms, toUnixTimestamp64Milli(to_at) AS to_ms
            FROM {db}.case_locations
            """, (r, i) => engine.Add(new CaseLocation(Id(r, i), r.Get<string>(i, "case_person_key"),
                r.Get<double>(i, "lat"), r.Get<double>(i, "lon"), r.Get<double>(i, "radius_m"),
                At(r, i, "from_ms"), At(r, i, "to_ms"), NullIfEmpty(r.Get<string>(i, "venue")))), cancellationToken)
            .ConfigureAwait(false);

        rows += await ReadAsync(store, $"""
            SELECT record_id, person_key, train, toString(service_date) AS service_day, carriage,
                toUnixTimestamp64Milli(departs_at) AS departs_ms, toUnixTimestamp64Milli(arrives_at) AS arrives_ms
            FROM {db}.rail_trips
            """, (r, i) => engine.Add(new RailTrip(Id(r, i), r.Get<string>(i, "person_key"), r.Get<string>(i, "train"),
                r.Get<string>(i, "service_day"), r.Get<int>(i, "carriage"), At(r, i, "departs_ms"),
                At(r, i, "arrives_ms"))), cancellationToken).ConfigureAwait(false);

        rows += await ReadAsync(store, $"""
            SELECT record_id, person_key, flight, toString(service_date) AS service_day, seat_row,
                toUnixTimestamp64Milli(departs_at) AS departs_ms, toUnixTimestamp64Milli(arrives_at) AS arrives_ms
            FROM {db}.flight_trips
            """, (r, i) => engine.Add(new FlightTrip(Id(r, i), r.Get<string>(i, "person_key"),
                r.Get<string>(i, "flight"), r.Get<string>(i, "service_day"), r.Get<int>(i, "seat_row"),
                At(r, i, "departs_ms"), At(r, i, "arrives_ms"))), cancellationToken).ConfigureAwait(false);

        rows += await ReadAsync(store, $"""
            SELECT record_id, person_key, temperature_c, symptoms,
                toUnixTimestamp64Milli(declared_at) AS at_ms
            FROM {db}.declarations
            """, (r, i) => engine.Add(new Declaration(Id(r, i), r.Get<string>(i, "person_key"), At(r, i, "at_ms"),
                r.Get<double>(i, "temperature_c"), Strings(r.Get<object?[]>(i, "symptoms")))), cancellationToken)
            .ConfigureAwait(false);

        await flush().ConfigureAwait(false);
        rows += await LoadPingsAsync(store, db, engine, flush, cancellationToken).ConfigureAwait(false);

        logger.LogInformation("Engine rebuilt from ClickHouse {Database}: {Rows} rows in {Seconds:F1} s",
            store.Database, rows, clock.Elapsed.TotalSeconds);
        return rows;
    }

    private static async Task<long> LoadPingsAsync(IAnalyticsStore store, string db, IRecordSink engine,
        Func<Task> flush, CancellationToken cancellationToken)
    {
        var span = await store.QueryRowsAsync($"""
            SELECT toInt64(ifNull(min(toUnixTimestamp64Milli(observed_at)), 0)) AS first_ms,
                toInt64(ifNull(max(toUnixTimestamp64Milli(observed_at)), -1)) AS last_ms,
                count() AS n
            FROM {db}.pings_by_subscriber
            """, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (span.Get<ulong>(0, "n") == 0)
        {
            return 0;
        }

        long rows = 0;
        var firstDay = Math.Floor(span.Get<long>(0, "first_ms") / (double)MsPerDay);
        var lastDay = Math.Floor(span.Get<long>(0, "last_ms") / (double)MsPerDay);

        for (var day = (long)firstDay; day <= (long)lastDay; day++)
        {
            var parameters = new QueryParameters()
                .Add("from_ms", day * MsPerDay)
                .Add("to_ms", (day + 1) * MsPerDay);
            var pings = await store.QueryRowsAsync($$"""
                SELECT record_id, subscriber_key, lat, lon, toUnixTimestamp64Milli(observed_at) AS at_ms
                FROM {{db}}.pings_by_subscriber
                WHERE observed_at >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC')
                    AND observed_at < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')
                """, parameters, cancellationToken).ConfigureAwait(false);

            for (var i = 0; i < pings.Count; i++)
            {
                engine.AddPing(pings.Get<string>(i, "subscriber_key"),
                    RecordKeys.FromBytes(pings.Get<byte[]>(i, "record_id")), pings.Get<long>(i, "at_ms"),
                    pings.Get<double>(i, "lat"), pings.Get<double>(i, "lon"));
            }

            rows += pings.Count;
            await flush().ConfigureAwait(false);
        }

        return rows;
    }

    private static async Task<long> ReadAsync(IAnalyticsStore store, string sql, Action<QueryRows, int> add,
        CancellationToken cancellationToken)
    {
        var rows = await store.QueryRowsAsync(sql, cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < rows.Count; i++)
        {
            add(rows, i);
        }

        return rows.Count;
    }

    private static string Id(QueryRows rows, int row) =>
        RecordKeys.ToHex(rows.Get<byte[]>(row, "record_id"));

    private static DateTimeOffset At(QueryRows rows, int row, string column) =>
        DateTimeOffset.FromUnixTimeMilliseconds(rows.Get<long>(row, column));

    private static string[] Strings(object?[] items) => [.. items.Select(item => (string)item!)];

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
