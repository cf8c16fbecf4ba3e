using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Google.Protobuf;
using HealthCode.Contracts.Events.V1;
using HealthCode.Contracts.Geo;
using HealthCode.Storage;
using HealthCode.Storage.Schema;
using HealthCode.Storage.Writing;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthCode.Benchmarks.Storage;

/// <summary>Rows per second of bulk-inserting pings into chDB, the embedded analytics store.</summary>
/// <remarks>
/// <para>
/// <see cref="WritePings"/> is the whole writer path: each ping goes to two tables (by cell and by subscriber),
/// so a batch is encoded and staged once and inserted twice. <see cref="InsertPingsTable"/> is one table only,
/// the cost of the binding and ClickHouse's part writing without the second copy. Op/s is rows per second:
/// each invocation inserts <see cref="Rows"/> pings, new ones every iteration so no merge collapses them.
/// </para>
/// <para>
/// Run: <c>dotnet run -c Release --project tests/HealthCode.Benchmarks -- --filter '*ChdbBulkInsert*'</c>.
/// </para>
/// </remarks>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
[OperationsPerSecond]
public class ChdbBulkInsertBenchmark
{
    private const int Rows = 200_000;
    private const int Subscribers = 50_000;

    private readonly Grid _grid = new();
    private string _dataPath = string.Empty;
    private StorageSettings _settings = new();
    private IAnalyticsStore? _store;
    private EventWriter? _writer;
    private List<Ping> _pings = [];
    private int _iteration;

    [GlobalSetup]
    public void Setup()
    {
        _dataPath = Path.Combine(Path.GetTempPath(), "healthcode-bench-" + Guid.NewGuid().ToString("N"));
        _settings = new StorageSettings { DataPath = _dataPath, Database = "bench", BatchSize = Rows };
        _store = AnalyticsStore.OpenAsync(_settings, NullLoggerFactory.Instance).GetAwaiter().GetResult();
        _writer = new EventWriter(_store, _settings, NullLogger.Instance);
    }

    [IterationSetup]
    public void MakePings() => _pings = Pings(_iteration++);

    [Benchmark(OperationsPerInvoke = Rows)]
    public Task WritePings() => WriteAndFlushAsync();

    [Benchmark(OperationsPerInvoke = Rows)]
    public async Task InsertPingsTable()
    {
        using var block = EventMappings.Pings.Encode(_pings);
        await _store!.InsertAsync([StorageTables.Pings], block, CancellationToken.None);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _writer!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _store!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_dataPath, recursive: true);
    }

    private async Task WriteAndFlushAsync()
    {
        await _writer!.WriteAsync(_pings);
        await _writer.FlushAsync();
    }

    private List<Ping> Pings(int iteration)
    {
        // A city-sized spread (about 0.3 by 0.35 degrees) of 50,000 SIMs over an hour, recent enough for the TTL.
        var random = new Random(iteration);
        var start = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds();
        var pings = new List<Ping>(Rows);
        Span<byte> seed = stackalloc byte[8];

        for (var i = 0; i < Rows; i++)
        {
            var lat = 30.15 + random.NextDouble() * 0.3;
            var lon = 120.0 + random.NextDouble() * 0.35;
            BitConverter.TryWriteBytes(seed, ((long)iteration << 32) | (uint)i);

            pings.Add(new Ping
            {
                RecordId = ByteString.CopyFrom(SHA256.HashData(seed).AsSpan(0, 16)),
                SubscriberKey = Key(random.Next(Subscribers)),
                Lat = lat,
                Lon = lon,
                AccuracyM = random.Next(50, 1500),
                ObservedAtMs = start + i * 18L,
                Cell = _grid.CellOf(lat, lon).Packed,
            });
        }

        return pings;
    }

    private static string Key(int subscriber) =>
        Convert.ToHexStringLower(MD5.HashData(BitConverter.GetBytes(subscriber)));
}
