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
using HealthCode.Risk.Cluster.Journal;
using HealthCode.Risk.Cluster.Persons;
using HealthCode.Risk.Engine;
using HealthCode.Risk.Rules;
using HealthCode.Storage;
using Microsoft.Extensions.Logging;

namespace HealthCode.Node.Risk;

/// <summary>
/// The detection engine and its consumer over every canonical topic: each batch goes through the engine, its
/// person updates to the person entities, and its offsets are committed only after every update is journaled and
/// the code changes it made are on <c>code-changes</c>.
/// </summary>
/// <remarks>
/// <para>
/// One pipeline runs per cluster, on the node that holds the engine singleton (<see cref="EngineHost"/>): it holds
/// the whole exposure index in that process, and the consumer group has this one member.
/// </para>
/// <para>
/// The one-second detection target is not met: a new case's batch waits for thousands of person entities to
/// start, recover, journal and publish, about 300 a second in risk-e2e, bound by starting and recovering new
/// entities (about 670 a second, risk-persons; docs/PERFORMANCE.md), while the engine's own step takes about one
/// second at 100,000 people.
/// </para>
/// </remarks>
internal sealed class DetectionPipeline : IAsyncDisposable
{
    /// <summary>The risk engine's consumer group.</summary>
    public const string Group = "healthcode-risk";

    private static readonly TimeSpan AskTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Person updates awaited at once.</summary>
    private const int UpdatesInFlight = 2_000;

    private readonly DetectionEngine _engine;
    private readonly Lock _engineGate = new();
    private readonly IActorRef _persons;
    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly ILogger _logger;
    private readonly List<double> _latencies = [];
    // One per latency, under the same lock, so that the two lists stay in step.
    private readonly List<(double Step, double Apply)> _batchTimes = [];
    private readonly Lazy<Task> _disposal;
    private KafkaConsumerControl? _control;
    private Task<Done>? _completion;

    private DetectionPipeline(DetectionEngine engine, IActorRef persons, IProducer<byte[]?, byte[]> producer,
        ILogger logger)
    {
        _engine = engine;
        _persons = persons;
        _producer = producer;
        _logger = logger;
        _disposal = new Lazy<Task>(DrainAsync);
    }

    /// <summary>Records consumed but not yet committed.</summary>
    public long Lag => _control?.Lag.TotalLag ?? 0;

    /// <summary>Canonical records the consumer never read because the broker had dropped them.</summary>
    public long Skipped => _control?.Skipped ?? 0;

    /// <summary>
    /// Rebuilds the engine from <paramref name="history"/> when given (it must hold everything the group
    /// committed), then starts consuming where the group left off.
    /// </summary>
    public static async Task<DetectionPipeline> StartAsync(ActorSystem system, RiskOptions options,
        IActorRef persons, KafkaSettings kafka, IProducer<byte[]?, byte[]> producer, ILoggerFactory loggerFactory,
        TimeSpan commitInterval, IAnalyticsStore? history, CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger("HealthCode.Node.Risk");
        var engine = options.StartingEngine?.Invoke() ?? new DetectionEngine(options.Rules, options.Horizon);
        var pipeline = new DetectionPipeline(engine, persons, producer, logger);

        if (history is not null)
        {
            await pipeline.RebuildAsync(history, cancellationToken).ConfigureAwait(false);
        }

        pipeline.StartConsuming(
            system.Materializer(), kafka, commitInterval, loggerFactory.CreateLogger("HealthCode.Kafka"));

        logger.LogInformation(
            "Detection engine consuming {Topics} in group {Group}; rules {RuleSetVersion}, clock {Clock}",
            string.Join(',', ConsumedTopics()), Group, options.Rules.Version,
            options.Clock.IsFixed ? options.Clock.Now().ToString("O") : "wall");
        return pipeline;
    }

    /// <summary>The topics the engine reads: every canonical feed topic.</summary>
    public static IReadOnlyList<string> ConsumedTopics() => [.. FeedNames.All.Select(Topics.Canonical)];

    /// <summary>Distinct (person, case) contacts per rule right now.</summary>
    public IReadOnlyList<ContactCount> CountContacts()
    {
        lock (_engineGate)
        {
            return _engine.CountContacts();
        }
    }

    /// <summary>Every distinct (rule, person, case) the engine currently flags.</summary>
    public IReadOnlyList<(Rule Rule, string PersonKey, string CaseKey)> ContactPairs()
    {
        lock (_engineGate)
        {
            return _engine.ContactPairs();
        }
    }

    /// <summary>Distinct pings the engine holds.</summary>
    public long PingCount()
    {
        lock (_engineGate)
        {
            return _engine.PingCount;
        }
    }

    /// <summary>Records the engine ignored because they lie after its horizon.</summary>
    public long BeyondHorizon()
    {
        lock (_engineGate)
        {
            return _engine.BeyondHorizon;
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
    /// engine's decode and step, then the person updates (journal, code changes on Kafka) until acknowledged.
    /// </summary>
    public IReadOnlyList<(double Step, double Apply)> CaseBatchTimes()
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
        // large steps keep the per-step work (recomputing marked people, one ask per updated person) rare.
        var source = KafkaConsumerSource.Create(config, [.. ConsumedTopics()], kafkaLogger,
            KafkaSourceSettings.Default with { MaxBufferedRecords = 512 });

        (_control, _completion) = source
            .GroupedWithin(400, TimeSpan.FromMilliseconds(50))
            .SelectAsync(1, batch => ProcessAsync(batch as IReadOnlyList<KafkaRecord> ?? [.. batch]))
            .ToMaterialized(KafkaOffsetCommitter.BatchSink(), Keep.Both)
            .Run(materializer);
    }

    /// <summary>
    /// Loads the stored history and hands every person it concerns their flags, reports and declarations. The
    /// entities already hold what they were told before, so only what the last run had not told them changes codes.
    /// </summary>
    private async Task RebuildAsync(IAnalyticsStore history, CancellationToken cancellationToken)
    {
        // Nothing else reaches the engine before the consumer starts, so the gate is not needed here.
        await HistoryLoader.LoadAsync(history, _engine, _logger, cancellationToken).ConfigureAwait(false);
        var updates = _engine.Step();

        await ApplyAsync(updates).ConfigureAwait(false);
        _logger.LogInformation("Engine rebuilt: {Updates} persons updated from the stored history", updates.Count);
    }

    private async Task ApplyAsync(IReadOnlyList<PersonUpdate> updates)
    {
        // In chunks: a rebuild can update every person at once, and the journal takes only so many per second, so
        // one ask per person all at once would time out the last of them.
        foreach (var chunk in updates.Chunk(UpdatesInFlight))
        {
            var decidedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var contacts = chunk.SelectMany(u => ContactMessages(u, decidedAt)).ToList();
            var acks = chunk.Select(u => _persons.Ask<UpdatePersonAck>(ToCommand(u), AskTimeout));

            await Task.WhenAll([.. contacts, .. acks]).ConfigureAwait(false);
        }

        if (updates.Any(u => u.Flags is not null))
        {
            PublishContactCounts();
        }
    }

    private async Task<IEnumerable<KafkaRecord>> ProcessAsync(IReadOnlyList<KafkaRecord> records)
    {
        var clock = Stopwatch.StartNew();
        var caseReports = new List<DateTimeOffset>();
        IReadOnlyList<PersonUpdate> updates;

        lock (_engineGate)
        {
            foreach (var record in records)
            {
                var events = RiskInputDecoder.Add(_engine, record);
                RiskMetrics.EventsIn.WithLabels(record.Topic).Inc(events);
                if (record.Topic == Topics.Canonical(Feed.Cases))
                {
                    caseReports.Add(record.Timestamp);
                }
            }

            updates = _engine.Step();
        }

        var step = clock.Elapsed;
        await ApplyAsync(updates).ConfigureAwait(false);
        RecordLatencies(caseReports, step.TotalSeconds, (clock.Elapsed - step).TotalSeconds);

        RiskMetrics.BatchSeconds.Observe(clock.Elapsed.TotalSeconds);
        if (clock.Elapsed > TimeSpan.FromSeconds(5))
        {
            _logger.LogWarning(
                "Slow risk batch: {Records} records, {Updates} person updates in {Seconds:F1} s " +
                "(engine step {StepSeconds:F1} s)",
                records.Count, updates.Count, clock.Elapsed.TotalSeconds, step.TotalSeconds);
        }

        return records;
    }

    private IEnumerable<Task> ContactMessages(PersonUpdate update, long decidedAt)
    {
        if (update.Flags is null)
        {
            yield break;
        }

        var key = Encoding.UTF8.GetBytes(update.PersonKey);
        // Only what changed: a flag that stays is already in ClickHouse under its id.
        var messages = update.Raised.Select(f => RiskEvents.ToContact(f, withdrawn: false, decidedAt))
            .Concat(update.Withdrawn.Select(f => RiskEvents.ToContact(f, withdrawn: true, decidedAt)));

        foreach (var contact in messages)
        {
            yield return _producer.ProduceAsync(Topics.Contacts,
                new Message<byte[]?, byte[]> { Key = key, Value = contact.ToByteArray() });
        }
    }

    private static UpdatePerson ToCommand(PersonUpdate update) => new(
        update.PersonKey,
        update.Flags is null ? null : [.. update.Flags.Select(StoredFlag.From)],
        [.. update.Reports.Select(StoredReport.From)],
        [.. update.Declarations.Select(StoredDeclaration.From)]);

    private void RecordLatencies(List<DateTimeOffset> caseReports, double stepSeconds, double applySeconds)
    {
        if (caseReports.Count == 0)
        {
            return;
        }

        var now = DateTimeOffset.UtcNow;
        lock (_latencies)
        {
            foreach (var published in caseReports)
            {
                var seconds = Math.Max(0, (now - published).TotalSeconds);
                _latencies.Add(seconds);
                _batchTimes.Add((stepSeconds, applySeconds));
                RiskMetrics.DetectionLatency.Observe(seconds);
            }
        }
    }

    private void PublishContactCounts()
    {
        foreach (var count in CountContacts())
        {
            RiskMetrics.Contacts.WithLabels(RiskEvents.RuleName(count.Rule)).Set(count.Contacts);
        }
    }
}
