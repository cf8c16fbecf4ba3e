using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using HealthCode.Contracts.Geo;
using HealthCode.Storage;
using HealthCode.Storage.Research;
using HealthCode.Storage.Writing;
using Microsoft.Extensions.Logging.Abstractions;
using Events = HealthCode.Contracts.Events.V1;

namespace HealthCode.Benchmarks.Risk;

/// <summary>
/// The same cases timed in the engine and as <see cref="CompanionQuery"/> in chDB over the same pings, subscribers,
/// reports and locations, with the companions of each compared.
/// </summary>
/// <remarks>chDB is found through <c>HEALTHCODE_CHDB_LIB</c>, as in <c>ChdbBulkInsertBenchmark</c>.</remarks>
internal static class SqlPeerRun
{
    private const int InsertChunk = 200_000;

    /// <summary>Loads both, then times each case in the engine and in SQL.</summary>
    public static async Task RunAsync(HarnessOptions options)
    {
        Console.WriteLine($"risk-sql: {options}");
        var (city, engine) = LatencyRun.Load(options);
        var cases = LatencyRun.Cases(city, options.Cases);
        var engineTimes = cases.Select(c => LatencyRun.Time(engine, c)).ToList();
        engine = null;
        GC.Collect();

        var dataPath = Path.Combine(Path.GetTempPath(), "healthcode-risk-sql-" + Guid.NewGuid().ToString("N"));
        var settings = new StorageSettings { DataPath = dataPath, Database = "risk", BatchSize = InsertChunk };
        var store = await AnalyticsStore.OpenAsync(settings, NullLoggerFactory.Instance).ConfigureAwait(false);

        try
        {
            var writer = new EventWriter(store, settings, NullLogger.Instance);
            await using (writer.ConfigureAwait(false))
            {
                await LoadAsync(writer, city).ConfigureAwait(false);
                await CompareAsync(writer, new CompanionQuery(store), cases, engineTimes).ConfigureAwait(false);
            }
        }
        finally
        {
            await store.DisposeAsync().ConfigureAwait(false);
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private static async Task LoadAsync(EventWriter writer, SyntheticCity city)
    {
        var watch = Stopwatch.StartNew();
        var grid = new Grid();
        var registeredAtMs = city.StartMs - 86_400_000L;

        var subscribers = Enumerable.Range(0, city.People)
            .Select(p => new Events.Subscriber
            {
                RecordId = ByteString.CopyFrom(SyntheticCity.RecordIdBytes("subscriber:" + p)),
                SubscriberKey = city.SubscriberKey(p),
                PersonKey = city.PersonKey(p),
                Carrier = "cmcc",
                RegisteredAtMs = registeredAtMs,
            })
            .ToList();
        await writer.WriteAsync(subscribers).ConfigureAwait(false);

        var chunk = new List<Events.Ping>(InsertChunk);
        for (var slot = 0; slot < city.SlotCount; slot++)
        {
            for (var p = 0; p < city.People; p++)
            {
                city.PingOf(p, slot, out var atMs, out var lat, out var lon);
                chunk.Add(new Events.Ping
                {
                    RecordId = ByteString.CopyFrom(SyntheticCity.ToBytes(SyntheticCity.PingRecordId(p, slot))),
                    SubscriberKey = city.SubscriberKey(p),
                    Lat = lat,
                    Lon = lon,
                    AccuracyM = 100f,
                    ObservedAtMs = atMs,
                    Cell = grid.CellOf(lat, lon).Packed,
                });

                if (chunk.Count == InsertChunk)
                {
                    await writer.WriteAsync(chunk).ConfigureAwait(false);
                    chunk = new List<Events.Ping>(InsertChunk);
                }
            }
        }

        await writer.WriteAsync(chunk).ConfigureAwait(false);
        await writer.FlushAsync().ConfigureAwait(false);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  chDB load: {city.PingCount:N0} pings and {city.People:N0} subscribers in " +
            $"{watch.Elapsed.TotalSeconds:F1} s"));
    }

    private static async Task CompareAsync(
        EventWriter writer, CompanionQuery query, IReadOnlyList<SyntheticCase> cases, List<CaseTiming> engineTimes)
    {
        var sqlTimes = new List<double>();
        var speedUps = new List<double>();

        for (var i = 0; i < cases.Count; i++)
        {
            // The report is stored before the clock starts: the query is the peer of the engine's step, and the
            // store's insert path is measured by ChdbBulkInsertBenchmark.
            var c = cases[i];
            await writer.WriteAsync([c.ToEvent()]).ConfigureAwait(false);
            await writer.WriteAsync(c.LocationEvents()).ConfigureAwait(false);
            await writer.FlushAsync().ConfigureAwait(false);

            var watch = Stopwatch.StartNew();
            var contacts = await query.FindAsync(new CompanionQueryOptions { CaseKey = c.PersonKey })
                .ConfigureAwait(false);
            watch.Stop();

            var sqlPeople = contacts.Select(x => x.PersonKey).ToHashSet(StringComparer.Ordinal);
            var engine = engineTimes[i];
            var speedUp = watch.Elapsed.TotalMilliseconds / engine.Milliseconds;
            sqlTimes.Add(watch.Elapsed.TotalMilliseconds);
            speedUps.Add(speedUp);

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  case {i}: engine {engine.Milliseconds:F1} ms ({engine.Companions.Count:N0} companions), SQL " +
                $"{watch.Elapsed.TotalMilliseconds:F0} ms ({sqlPeople.Count:N0} companions, {contacts.Count:N0} " +
                $"rows), speed-up {speedUp:F0}x, same people: {sqlPeople.SetEquals(engine.Companions)}"));
        }

        Console.WriteLine($"  engine per case: {new LatencySummary(engineTimes.Select(t => t.Milliseconds))}");
        Console.WriteLine($"  SQL per case: {new LatencySummary(sqlTimes)}");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  speed-up per case: min {speedUps.Min():F0}x, " +
            $"median {new LatencySummary(speedUps).Percentile(50):F0}x"));
    }
}
