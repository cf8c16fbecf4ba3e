using System.Diagnostics;
using System.Text;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Google.Protobuf;
using HealthCode.Contracts.Feeds;
using HealthCode.Kafka;
using HealthCode.Kafka.Consuming;
using HealthCode.Risk;
using HealthCode.Node.Risk.Partitions;
using HealthCode.Risk.Engine;
using HealthCode.Risk.Engine.Partitions;
using HealthCode.Risk.Rules;
using HealthCode.Storage;
using Microsoft.Extensions.Logging;

namespace HealthCode.Node.Risk;

/// <summary>
/// The detection engine's consumer and router over every canonical topic: each batch is routed to the engine's
/// partitions, stepped there (each partition applies its own people's updates), and its offsets are committed only
/// after every update is journaled and the code changes it made are on <c>code-changes</c>.
/// </summary>
/// <remarks>
/// <para>
/// One pipeline runs per cluster, on the node that holds the engine singleton (<see cref="EngineHost"/>), and the
/// consumer group has this one member. It keeps only the router's book (the owner of each SIM, who is a case);
/// the exposure index lives in the partitions (<see cref="EnginePartitionActor"/>), spread over the risk nodes by
/// sharding. Partitions are memory only: each run starts them empty and rebuilds them from ClickHouse, and a
/// partition that lost its state (its node went away) fails the run, so the singleton starts a new one.
/// </para>
/// <para>
/// On the development machine's two cores, at 100,000 people × 14 days, a new case took p50 0.49-0.56 s and p99
/// (the slowest of twenty) 0.75-0.82 s in the last runs after a warm-up (risk-e2e, docs/PERFORMANCE.md): the
/// one-second target with about a fifth to spare. The engine's step building the case's 40,000 flags is 0.16 s of
/// it; the rest is the person groups evaluating and journaling (31 MB, a transaction per group) and publishing its
/// 2,000 code changes. All of it spreads over more nodes with more partitions and groups, which one machine could
/// not measure.
/// </para>
/// </remarks>
internal sealed class DetectionPipeline : IAsyncDisposable
{
    /// <summary>The risk engine's consumer group.</summary>
    public const string Group = "healthcode-risk";

    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(20);

    private readonly EngineRouter _router;
    private readonly Lock _routerGate = new();
    private readonly PartitionClient _partitions;
    private readonly string _generation = Guid.NewGuid().ToString("N");
    private readonly ILogger _logger;
    private readonly List<double> _latencies = [];
    // One per latency, under the same lock, so that the two lists stay in step.
    private readonly List<(double Step, double Apply, int Updates)> _batchTimes = [];
    // The latest contact counts of each partition: a partition whose flags did not change sends none.
    private readonly IReadOnlyList<ContactCount>[] _contacts;
    private readonly Lazy<Task> _disposal;
    private KafkaConsumerControl? _control;
    private Task<Done>? _completion;

    private DetectionPipeline(EngineRouter router, PartitionClient partitions, ILogger logger)
    {
        _router = router;
        _partitions = partitions;
        _logger = logger;
        _contacts = [.. Enumerable.Range(0, partitions.Count).Select(_ => (IReadOnlyList<ContactCount>)[])];
        _disposal = new Lazy<Task>(DrainAsync);
    }

    /// <summary>Records consumed but not yet committed.</summary>
    public long Lag => _control?.Lag.TotalLag ?? 0;

    /// <summary>Completes when the consumer's stream ends; faults when it failed.</summary>
    public Task Completion => _completion ?? Task.CompletedTask;

    /// <summary>Canonical records the consumer never read because the broker had dropped them.</summary>
    public long Skipped => _control?.Skipped ?? 0;

    /// <summary>
    /// Empties the partitions, rebuilds them from <paramref name="history"/> when given (it must hold everything
    /// the group committed), then starts consuming where the group left off.
    /// </summary>
    public static async Task<DetectionPipeline> StartAsync(ActorSystem system, RiskOptions options,
        PartitionClient partitions, KafkaSettings kafka, ILoggerFactory loggerFactory, TimeSpan commitInterval,
        IAnalyticsStore? history, CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger("HealthCode.Node.Risk");
        var router = new EngineRouter(options.Rules, partitions.Count, options.Horizon);
        var pipeline = new DetectionPipeline(router, partitions, logger);
        await partitions.ResetAsync(pipeline._generation).ConfigureAwait(false);

        if (options.Preload is { } preload)
        {
            await preload(router, pipeline.RunRoutedStepsAsync).ConfigureAwait(false);
            await pipeline.StepAsync().ConfigureAwait(false);
        }

        if (history is not null)
        {
            await pipeline.RebuildAsync(history, cancellationToken).ConfigureAwait(false);
        }

        pipeline.StartConsuming(
            system.Materializer(), kafka, commitInterval, loggerFactory.CreateLogger("HealthCode.Kafka"));

        logger.LogInformation(
            "Detection engine consuming {Topics} in group {Group} into {Partitions} partitions (run {Run}); " +
            "rules {RuleSetVersion}, clock {Clock}",
            string.Join(',', ConsumedTopics()), Group, partitions.Count, pipeline._generation, options.Rules.Version,
            options.Clock.IsFixed ? options.Clock.Now().ToString("O") : "wall");
        return pipeline;
    }

    /// <summary>The topics the engine reads: every canonical feed topic.</summary>
    public static IReadOnlyList<string> ConsumedTopics() => [.. FeedNames.All.Select(Topics.Canonical)];

    /// <summary>Records the engine ignored because they lie after its horizon.</summary>
    public long BeyondHorizon()
    {
        lock (_routerGate)
        {
            return _router.BeyondHorizon;
        }
    }

    /// <summary>Detection latencies measured so far, in seconds, one per case report.</summary>
    public IReadOnlyList<double> Latencies()
    {
        lock (_latencies)
        {
            return [.. _latencies];
        }
    }

    /// <summary>
    /// Where each latency of <see cref="Latencies"/> went inside its batch, in seconds and in the same order: the
    /// engine's decode and step, then the person updates (journal, code changes on Kafka) until acknowledged, and
    /// how many person updates the batch made.
    /// </summary>
    public IReadOnlyList<(double Step, double Apply, int Updates)> CaseBatchTimes()
    {
        lock (_latencies)
        {
            return [.. _batchTimes];
        }
    }

    /// <summary>
    /// Refreshes the lag gauge of the engine's group, per topic, from the consumer's latest snapshot.
    /// </summary>
    public void PublishLag()
    {
        if (_control is null)
        {
            return;
        }

        foreach (var topic in _control.Lag.Partitions.GroupBy(p => p.Topic))
        {
            Roles.StorageMetrics.ConsumerLag.WithLabels(Group, topic.Key).Set(topic.Sum(p => p.Lag));
        }

        Roles.StorageMetrics.RecordsLost.WithLabels(Group).Set(_control.Skipped);
    }

    /// <summary>Fails if the stream has failed, so a caller waiting for catch-up does not wait forever.</summary>
    public void ThrowIfFailed()
    {
        if (_completion is { IsFaulted: true } failed)
        {
            throw new InvalidOperationException(
                "The risk engine's stream failed.", failed.Exception!.GetBaseException());
        }
    }

    /// <summary>Stops consuming after committing what has been acknowledged; later calls wait for the first.</summary>
    public ValueTask DisposeAsync() => new(_disposal.Value);

    private async Task DrainAsync()
    {
        if (_control is not null)
        {
            await _control.DrainAsync().ConfigureAwait(false);
        }
    }

    private void StartConsuming(IMaterializer materializer, KafkaSettings kafka, TimeSpan commitInterval,
        ILogger kafkaLogger)
    {
        var config = kafka.BuildConsumerConfig(Group);
        config.AutoCommitIntervalMs = (int)commitInterval.TotalMilliseconds;

        // Ping records carry a thousand pings each, so a batch of 400 records is a step of up to 400,000 pings:
        // large steps keep the per-step work (recomputing marked people, one ask per updated person) rare. Under
        // load a batch fills while the last one is stepped; the window only bounds how long a lone case report
        // waits for company (20 ms; with 50 ms a report waited p50 58 ms from Kafka to its step, risk-e2e).
        var source = KafkaConsumerSource.Create(config, [.. ConsumedTopics()], kafkaLogger,
            KafkaSourceSettings.Default with { MaxBufferedRecords = 512 });

        (_control, _completion) = source
            .GroupedWithin(400, BatchWindow)
            .SelectAsync(1, batch => ProcessAsync(batch as IReadOnlyList<KafkaRecord> ?? [.. batch]))
            .ToMaterialized(KafkaOffsetCommitter.BatchSink(), Keep.Both)
            .Run(materializer);
    }

    /// <summary>
    /// Loads the stored history and hands every person it concerns their flags, reports and declarations. The
    /// groups already hold what they were told before, so only what the last run had not told them changes codes.
    /// </summary>
    private async Task RebuildAsync(IAnalyticsStore history, CancellationToken cancellationToken)
    {
        // Nothing else reaches the router before the consumer starts, so the gate is not needed here.
        await HistoryLoader.LoadAsync(history, _router, RunRoutedStepsAsync, _logger, cancellationToken)
            .ConfigureAwait(false);
        var stepped = await StepAsync().ConfigureAwait(false);

        _logger.LogInformation("Engine rebuilt: {Updates} persons updated from the stored history",
            stepped.Sum(s => s.Updates));
    }

    /// <summary>Sends what the router has routed so far to the partitions, step by step.</summary>
    private async Task RunRoutedStepsAsync()
    {
        IReadOnlyList<RoutedStep> steps;
        lock (_routerGate)
        {
            steps = _router.TakeSteps();
        }

        foreach (var step in steps)
        {
            await _partitions.RunAsync(_generation, step).ConfigureAwait(false);
        }
    }

    /// <summary>Steps every partition, each applying its updates, and publishes the contact counts.</summary>
    private async Task<IReadOnlyList<PartitionStepped>> StepAsync()
    {
        var stepped = await _partitions.StepAsync(_generation).ConfigureAwait(false);

        var changed = false;
        foreach (var partition in stepped.Where(s => s.Contacts is not null))
        {
            _contacts[partition.Partition] = partition.Contacts!;
            changed = true;
        }

        if (changed)
        {
            foreach (var count in ContactCount.Sum(_contacts))
            {
                RiskMetrics.Contacts.WithLabels(RiskEvents.RuleName(count.Rule)).Set(count.Contacts);
            }
        }

        return stepped;
    }

    private async Task<IEnumerable<KafkaRecord>> ProcessAsync(IReadOnlyList<KafkaRecord> records)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var caseReports = new List<DateTimeOffset>();

        lock (_routerGate)
        {
            foreach (var record in records)
            {
                var events = RiskInputDecoder.Add(_router, record);
                RiskMetrics.EventsIn.WithLabels(record.Topic).Inc(events);
                if (record.Topic == Topics.Canonical(Feed.Cases))
                {
                    caseReports.Add(record.Timestamp);
                }
            }
        }

        await RunRoutedStepsAsync().ConfigureAwait(false);
        var routed = clock.Elapsed.TotalSeconds;
        var stepped = await StepAsync().ConfigureAwait(false);

        // Partitions step and apply side by side: the slowest of each is what the batch waited for. A case's
        // latency ends when the last code change it caused is delivered; its contacts follow (PersonUpdateApplier).
        var step = routed + stepped.Max(s => s.StepSeconds);
        var codes = routed + stepped.Max(s => s.CodesSeconds);
        RecordLatencies(caseReports, started.AddSeconds(codes), step, Math.Max(0, codes - step),
            stepped.Sum(s => s.Updates));

        RiskMetrics.BatchSeconds.Observe(clock.Elapsed.TotalSeconds);
        if (clock.Elapsed > TimeSpan.FromSeconds(5))
        {
            _logger.LogWarning(
                "Slow risk batch: {Records} records, {Updates} person updates in {Seconds:F1} s " +
                "(routing {RouteSeconds:F1} s, engine step {StepSeconds:F1} s)",
                records.Count, stepped.Sum(s => s.Updates), clock.Elapsed.TotalSeconds, routed, step - routed);
        }

        return records;
    }

    private void RecordLatencies(List<DateTimeOffset> caseReports, DateTimeOffset codesOut, double stepSeconds,
        double applySeconds, int updates)
    {
        if (caseReports.Count == 0)
        {
            return;
        }

        lock (_latencies)
        {
            foreach (var published in caseReports)
            {
                var seconds = Math.Max(0, (codesOut - published).TotalSeconds);
                _latencies.Add(seconds);
                _batchTimes.Add((stepSeconds, applySeconds, updates));
                RiskMetrics.DetectionLatency.Observe(seconds);
            }
        }
    }
}
