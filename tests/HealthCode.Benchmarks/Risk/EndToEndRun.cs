using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using HealthCode.Contracts.Feeds;
using HealthCode.Node.Risk;
using HealthCode.Node.Runtime;
using HealthCode.Risk;
using HealthCode.Risk.Cluster.Codes;
using HealthCode.Risk.Engine;
using HealthCode.Risk.Inputs;
using Microsoft.Extensions.Logging;

namespace HealthCode.Benchmarks.Risk;

/// <summary>
/// Detection latency through a whole node: a full history loaded into the engine, then one new case at a time
/// produced to Kafka and timed, as the pipeline does, from the report's Kafka timestamp until every person update
/// it caused is journaled and its code changes are delivered to <c>code-changes</c>.
/// </summary>
internal static class EndToEndRun
{
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Loads the history, starts a node on it and times <see cref="HarnessOptions.Cases"/> cases.</summary>
    public static async Task RunAsync(HarnessOptions options)
    {
        // The node runs Server GC (the Web SDK's default for healthcode); this harness is a console app, so a run
        // that should match the node sets DOTNET_gcServer=1.
        var gc = System.Runtime.GCSettings.IsServerGC ? "server" : "workstation";
        Console.WriteLine($"risk-e2e: {options}; {gc} GC");
        var city = new SyntheticCity(options.People, options.Days, options.Interval);
        // The warm-up cases come after the measured ones in the list, so the measured cases stay the same people
        // with or without a warm-up.
        var cases = LatencyRun.Cases(city, options.Cases + options.Warmup);
        var root = Path.Combine(Path.GetTempPath(), "healthcode-e2e-" + Guid.NewGuid().ToString("N"));

        try
        {
            var results = await MeasureAsync(city, options, cases, root).ConfigureAwait(false);
            Print(results);
        }
        finally
        {
            BenchmarkNode.TryDelete(root);
        }
    }

    private static async Task<List<CaseResult>> MeasureAsync(SyntheticCity city, HarnessOptions options,
        IReadOnlyList<SyntheticCase> cases, string root)
    {
        using var loggerFactory = CreateLoggerFactory();
        var end = DateTimeOffset.FromUnixTimeMilliseconds(city.EndMs);
        // A clock fixed at the city's end keeps the new contacts' quarantines running, so codes really change.
        var risk = new RiskOptions(RuleSettings.Default, EngineClock.Fixed(end), null,
            Path.Combine(root, "risk", "persons.db"))
        {
            RebuildFromHistory = false,
            Preload = (sink, flush) => PreloadAsync(city, sink, flush, options.Batch),
            EnginePartitions = options.Partitions,
            JournalConnectionString = Environment.GetEnvironmentVariable("HEALTHCODE_BENCH_POSTGRES"),
        };
        var node = BenchmarkNode.Options(root, "risk-e2e");

        var started = Stopwatch.StartNew();
        await using var runtime = await NodeRuntime.StartAsync(node, withStorage: false, loggerFactory,
            CancellationToken.None, risk).ConfigureAwait(false);
        var pipeline = await LocalEngineAsync(runtime.Risk!).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  node started with the engine in {started.Elapsed.TotalSeconds:F1} s; journal {risk.JournalPath}"));

        // The GC's own events say what each collection promoted and how long it took, for the case lines.
        // HEALTHCODE_BENCH_ALLOCATIONS=1 adds the measured cases' allocations by type, from the runtime's samples.
        var allocations = Environment.GetEnvironmentVariable("HEALTHCODE_BENCH_ALLOCATIONS") == "1";
        using var gc = new GcWatch(allocations);
        var warmup = cases.Skip(options.Cases).ToList();
        foreach (var c in warmup)
        {
            await TimeAndPrintAsync(runtime, pipeline, c, gc, "warm-up ").ConfigureAwait(false);
        }

        var results = new List<CaseResult>();
        gc.CountAllocations = true;
        foreach (var c in cases.Take(options.Cases))
        {
            results.Add(await TimeAndPrintAsync(runtime, pipeline, c, gc, "").ConfigureAwait(false));
        }

        gc.CountAllocations = false;
        PrintAllocations(gc.Allocations(), options.Cases);

        return results;
    }

    private static void PrintAllocations(IReadOnlyList<(string Type, double Bytes, double Objects)> allocated,
        int cases)
    {
        if (allocated.Count == 0)
        {
            return;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  allocated per case (sampled), {allocated.Sum(a => a.Bytes) / cases / 1e6:F0} MB and " +
            $"{allocated.Sum(a => a.Objects) / cases:N0} objects in all:"));
        foreach (var (type, bytes, objects) in allocated.Take(25))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {bytes / cases / 1e6,7:F1} MB {objects / cases,12:N0} objects  {type}"));
        }
    }

    private static async Task<CaseResult> TimeAndPrintAsync(NodeRuntime runtime, DetectionPipeline pipeline,
        SyntheticCase c, GcWatch gc, string label)
    {
        var seen = gc.Collections().Count;
        var result = await TimeAsync(runtime, pipeline, c).ConfigureAwait(false);
        Console.WriteLine($"    {label}{result}");
        var collections = gc.Collections().Skip(seen);
        Console.WriteLine($"      collections until the node was idle: {string.Join("; ", collections)}");
        return result;
    }

    /// <summary>Produces one case, waits until the node has fully handled it, and reads where the time went.</summary>
    private static async Task<CaseResult> TimeAsync(NodeRuntime runtime, DetectionPipeline pipeline,
        SyntheticCase c)
    {
        var board = runtime.Risk!.Board;
        var seen = pipeline.Latencies().Count;
        var changesBefore = board.Accepted;
        var key = Encoding.UTF8.GetBytes(c.PersonKey);
        var pausedBefore = GC.GetTotalPauseDuration();
        int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var watch = Stopwatch.StartNew();

        // The location is delivered before the report is produced, so the engine never sees the report without it
        // and the report's timestamp, where the latency starts, is the later one.
        foreach (var location in c.LocationEvents())
        {
            await runtime.Producer.ProduceAsync(Topics.Canonical(Feed.CaseLocations),
                new Message<byte[]?, byte[]> { Key = key, Value = location.ToByteArray() }).ConfigureAwait(false);
        }

        await runtime.Producer.ProduceAsync(Topics.Canonical(Feed.Cases),
            new Message<byte[]?, byte[]> { Key = key, Value = c.ToEvent().ToByteArray() }).ConfigureAwait(false);

        await WaitForLatencyAsync(runtime, pipeline, seen).ConfigureAwait(false);
        var observed = watch.Elapsed;
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        // Counted per generation: a collection of gen1 counts in gen0 too, one of gen2 in all three.
        var collections = string.Join('/', collectionsBefore.Select((before, g) => GC.CollectionCount(g) - before));
        await runtime.WaitForRiskAsync(CancellationToken.None).ConfigureAwait(false);

        var (step, apply, updates) = pipeline.CaseBatchTimes()[seen];
        return new CaseResult(c.PersonKey, pipeline.Latencies()[seen] * 1000, step * 1000, apply * 1000,
            observed.TotalMilliseconds, updates, board.Accepted - changesBefore, paused.TotalMilliseconds,
            collections);
    }

    /// <summary>
    /// The city's registrations and then its pings in time order, handed to the partitions every
    /// <paramref name="batch"/> pings.
    /// </summary>
    private static async Task PreloadAsync(SyntheticCity city, IRecordSink sink, Func<Task> flush, int batch)
    {
        var clock = Stopwatch.StartNew();
        var registeredAt = DateTimeOffset.FromUnixTimeMilliseconds(city.StartMs - 86_400_000L);
        for (var p = 0; p < city.People; p++)
        {
            var recordId = Convert.ToHexStringLower(SyntheticCity.RecordIdBytes("subscriber:" + p));
            sink.Add(new SubscriberRegistration(recordId, city.SubscriberKey(p), city.PersonKey(p), registeredAt));
        }

        await flush().ConfigureAwait(false);
        var inBatch = 0;
        long pings = 0;
        for (var slot = 0; slot < city.SlotCount; slot++)
        {
            for (var p = 0; p < city.People; p++)
            {
                city.PingOf(p, slot, out var atMs, out var lat, out var lon);
                sink.AddPing(city.SubscriberKey(p), SyntheticCity.PingRecordId(p, slot), atMs, lat, lon);
                pings++;
                if (++inBatch == batch)
                {
                    await flush().ConfigureAwait(false);
                    inBatch = 0;
                }
            }
        }

        await flush().ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  history: {pings:N0} pings into the partitions in {clock.Elapsed.TotalSeconds:F1} s"));
    }

    private static async Task WaitForLatencyAsync(NodeRuntime runtime, DetectionPipeline pipeline, int seen)
    {
        var deadline = Stopwatch.StartNew();

        // Polled rather than signalled: the pipeline has no completion event, and 5 ms is far below what is measured.
        while (pipeline.Latencies().Count <= seen)
        {
            runtime.Risk!.ThrowIfFailed();
            if (deadline.Elapsed > CaseTimeout)
            {
                throw new TimeoutException($"The node recorded no latency for a case within {CaseTimeout}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5)).ConfigureAwait(false);
        }
    }

    private static async Task<DetectionPipeline> LocalEngineAsync(RiskRole risk)
    {
        var deadline = Stopwatch.StartNew();

        // The engine is a cluster singleton: it starts after the node has joined its own cluster, and its start
        // includes feeding the history into the partitions (two to three minutes at 100,000 people x 14 days).
        while (true)
        {
            if (risk.LocalEngine is { } pipeline)
            {
                return pipeline;
            }

            risk.ThrowIfFailed();
            if (deadline.Elapsed > TimeSpan.FromMinutes(30))
            {
                throw new TimeoutException("The engine singleton did not start within 30 minutes.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
        }
    }

    private static void Print(List<CaseResult> results)
    {
        Console.WriteLine($"  end to end (Kafka timestamp -> journaled and published): " +
            $"{new LatencySummary(results.Select(r => r.LatencyMs))}");
        Console.WriteLine($"    engine decode + step: {new LatencySummary(results.Select(r => r.StepMs))}");
        Console.WriteLine($"    person updates (journal, code changes delivered): " +
            $"{new LatencySummary(results.Select(r => r.ApplyMs))}");
        Console.WriteLine($"    Kafka to batch start: " +
            $"{new LatencySummary(results.Select(r => r.LatencyMs - r.StepMs - r.ApplyMs))}");
        Console.WriteLine($"  produce -> latency recorded, seen by the harness: " +
            $"{new LatencySummary(results.Select(r => r.ObservedMs))}");
        // The node shares the process with 8 GB of pings, so a collection's pause is part of what a case waits.
        Console.WriteLine($"  GC pauses until the latency was recorded: " +
            $"{new LatencySummary(results.Select(r => r.GcPauseMs))}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  code changes per case: mean {results.Average(r => r.CodeChanges):N1}, " +
            $"max {results.Max(r => r.CodeChanges):N0}"));
    }

    /// <summary>Console logging at warning level, one line per message.</summary>
    private static ILoggerFactory CreateLoggerFactory() => LoggerFactory.Create(builder => builder
        // Warnings only: they include the pipeline's 'Slow risk batch' and keep the figures readable.
        .SetMinimumLevel(LogLevel.Warning)
        .AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss ";
        }));

    /// <summary>One case's figures in milliseconds, and the person updates and code changes it caused.</summary>
    private sealed record CaseResult(string PersonKey, double LatencyMs, double StepMs, double ApplyMs,
        double ObservedMs, int Updates, long CodeChanges, double GcPauseMs, string Collections)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"case {PersonKey[..8]}: {LatencyMs:F0} ms end to end (step {StepMs:F0}, updates {ApplyMs:F0}), " +
            $"{Updates:N0} person updates, {CodeChanges:N0} code changes, " +
            $"GC paused {GcPauseMs:F0} ms in {Collections} collections (gen 0/1/2)");
    }
}
