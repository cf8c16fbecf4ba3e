using System.Diagnostics;
using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using HealthCode.Contracts.Feeds;
using HealthCode.Kafka;
using HealthCode.Kafka.Consuming;
using HealthCode.Storage.Writing;
using Microsoft.Extensions.Logging;

namespace HealthCode.Node.Roles;

/// <summary>
/// The storage role: one consumer stream per canonical topic into ClickHouse, committing after flush.
/// </summary>
/// <remarks>
/// Each stream batches records, writes them, flushes the writer and only then lets the committer store the
/// offsets, so a crash between insert and commit replays records that ClickHouse then deduplicates by record id:
/// nothing is lost and nothing counts twice. The dead-letter topics are read too, to count what ingest rejected.
/// </remarks>
internal sealed class StorageRole : IAsyncDisposable
{
    /// <summary>The prefix of the storage role's consumer groups, one group per topic.</summary>
    public const string GroupPrefix = "healthcode-storage.";

    private readonly List<(string Topic, KafkaConsumerControl Control, Task<Done> Completion)> _streams = [];
    private readonly ILogger _logger;
    private readonly EventWriter _writer;
    private readonly Dictionary<Feed, long> _deadLetters = [];
    private readonly Lock _gate = new();

    private StorageRole(EventWriter writer, ILogger logger)
    {
        _writer = writer;
        _logger = logger;
    }

    /// <summary>Starts consuming every canonical and dead-letter topic.</summary>
    /// <param name="materializer">Runs the streams.</param>
    /// <param name="kafka">Settings with the bootstrap address in use.</param>
    /// <param name="writer">The ClickHouse writer shared by every stream.</param>
    /// <param name="loggerFactory">Source of the role's loggers.</param>
    /// <param name="commitInterval">How often stored offsets are committed; short where producers wait on it.</param>
    public static StorageRole Start(IMaterializer materializer, KafkaSettings kafka, EventWriter writer,
        ILoggerFactory loggerFactory, TimeSpan commitInterval)
    {
        var role = new StorageRole(writer, loggerFactory.CreateLogger("HealthCode.Node.Storage"));
        var kafkaLogger = loggerFactory.CreateLogger("HealthCode.Kafka");

        foreach (var feed in FeedNames.All)
        {
            role.StartCanonical(materializer, ConfigFor(kafka, Contracts.Feeds.Topics.Canonical(feed), commitInterval),
                feed, kafkaLogger);
            role.StartDeadLetters(materializer,
                ConfigFor(kafka, Contracts.Feeds.Topics.DeadLetter(feed), commitInterval), feed, kafkaLogger);
        }

        role.StartDecisions(materializer, ConfigFor(kafka, Contracts.Feeds.Topics.Contacts, commitInterval),
            Contracts.Feeds.Topics.Contacts, kafkaLogger);
        role.StartDecisions(materializer, ConfigFor(kafka, Contracts.Feeds.Topics.CodeChanges, commitInterval),
            Contracts.Feeds.Topics.CodeChanges, kafkaLogger);

        role._logger.LogInformation("Storage role consuming {Topics} topics in groups {GroupPrefix}<topic>",
            role._streams.Count, GroupPrefix);
        return role;
    }

    /// <summary>The consumer group that stores one topic.</summary>
    /// <remarks>
    /// One group per topic: in a single shared group every new member rebalances all the others, and the mock
    /// cluster takes up to a session timeout to finish each rebalance.
    /// </remarks>
    public static string GroupFor(string topic) => GroupPrefix + topic;

    /// <summary>
    /// The topics this role consumes: every canonical and dead-letter topic, and the risk engine's contacts and
    /// code changes.
    /// </summary>
    public static IReadOnlyList<string> Topics() =>
        [.. FeedNames.All.SelectMany(f => new[] { Contracts.Feeds.Topics.Canonical(f),
            Contracts.Feeds.Topics.DeadLetter(f) }),
            Contracts.Feeds.Topics.Contacts, Contracts.Feeds.Topics.CodeChanges];

    /// <summary>Records consumed but not yet committed, over every stream.</summary>
    public long Lag => _streams.Sum(s => s.Control.Lag.TotalLag);

    /// <summary>Dead-letter records read back, by feed.</summary>
    public IReadOnlyDictionary<Feed, long> DeadLettersSeen
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<Feed, long>(_deadLetters);
            }
        }
    }

    /// <summary>Fails if any stream has failed, so a caller waiting for catch-up does not wait forever.</summary>
    public void ThrowIfFailed()
    {
        foreach (var (topic, _, completion) in _streams)
        {
            if (completion.IsFaulted)
            {
                throw new InvalidOperationException($"The storage stream of {topic} failed.",
                    completion.Exception!.GetBaseException());
            }
        }
    }

    /// <summary>Refreshes the lag gauges from every stream's latest snapshot.</summary>
    public void PublishLag()
    {
        foreach (var (topic, control, _) in _streams)
        {
            StorageMetrics.ConsumerLag.WithLabels(GroupFor(topic), topic).Set(control.Lag.TotalLag);
            StorageMetrics.RecordsLost.WithLabels(GroupFor(topic)).Set(control.Skipped);
        }
    }

    /// <summary>Stops consuming after committing what has been written.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_streams.Select(s => s.Control.DrainAsync())).ConfigureAwait(false);
        await _writer.FlushAsync().ConfigureAwait(false);
    }

    private static Confluent.Kafka.ConsumerConfig ConfigFor(KafkaSettings kafka, string topic, TimeSpan interval)
    {
        var config = kafka.BuildConsumerConfig(GroupFor(topic));
        config.AutoCommitIntervalMs = (int)interval.TotalMilliseconds;
        return config;
    }

    private void StartCanonical(IMaterializer materializer, Confluent.Kafka.ConsumerConfig config, Feed feed,
        ILogger kafkaLogger)
    {
        var topic = Contracts.Feeds.Topics.Canonical(feed);

        // A ping record carries up to a thousand pings: buffer few of them, many of the small ones.
        var (buffered, batch) = feed == Feed.Pings ? (64, 100) : (10_000, 20_000);
        var source = KafkaConsumerSource.Create(config, [topic], kafkaLogger,
            KafkaSourceSettings.Default with { MaxBufferedRecords = buffered });

        var (control, completion) = source
            .GroupedWithin(batch, TimeSpan.FromMilliseconds(200))
            .SelectAsync(1, records => WriteBatchAsync(feed, records))
            .ToMaterialized(KafkaOffsetCommitter.BatchSink(), Keep.Both)
            .Run(materializer);

        _streams.Add((topic, control, completion));
    }

    private void StartDeadLetters(IMaterializer materializer, Confluent.Kafka.ConsumerConfig config, Feed feed,
        ILogger kafkaLogger)
    {
        var topic = Contracts.Feeds.Topics.DeadLetter(feed);
        var (control, completion) = KafkaConsumerSource.Create(config, [topic], kafkaLogger)
            .GroupedWithin(10_000, TimeSpan.FromMilliseconds(200))
            .Select(records => CountDeadLetters(feed, records))
            .ToMaterialized(KafkaOffsetCommitter.BatchSink(), Keep.Both)
            .Run(materializer);

        _streams.Add((topic, control, completion));
    }

    private async Task<IEnumerable<KafkaRecord>> WriteBatchAsync(Feed feed, IEnumerable<KafkaRecord> batch)
    {
        var records = batch as IReadOnlyList<KafkaRecord> ?? batch.ToList();
        var clock = Stopwatch.StartNew();

        var events = await CanonicalDecoder.WriteAsync(feed, records, _writer, CancellationToken.None)
            .ConfigureAwait(false);
        await _writer.FlushAsync().ConfigureAwait(false);

        StorageMetrics.RowsWritten.WithLabels(feed.Name()).Inc(events);
        StorageMetrics.BatchSeconds.WithLabels(feed.Name()).Observe(clock.Elapsed.TotalSeconds);
        return records;
    }

    private void StartDecisions(IMaterializer materializer, Confluent.Kafka.ConsumerConfig config, string topic,
        ILogger kafkaLogger)
    {
        var (control, completion) = KafkaConsumerSource.Create(config, [topic], kafkaLogger)
            .GroupedWithin(10_000, TimeSpan.FromMilliseconds(200))
            .SelectAsync(1, records => WriteDecisionsAsync(topic, records))
            .ToMaterialized(KafkaOffsetCommitter.BatchSink(), Keep.Both)
            .Run(materializer);

        _streams.Add((topic, control, completion));
    }

    private async Task<IEnumerable<KafkaRecord>> WriteDecisionsAsync(string topic, IEnumerable<KafkaRecord> batch)
    {
        var records = batch as IReadOnlyList<KafkaRecord> ?? batch.ToList();

        var rows = await CanonicalDecoder.WriteDecisionsAsync(topic, records, _writer, CancellationToken.None)
            .ConfigureAwait(false);
        await _writer.FlushAsync().ConfigureAwait(false);

        StorageMetrics.RowsWritten.WithLabels(topic).Inc(rows);
        return records;
    }

    private IEnumerable<KafkaRecord> CountDeadLetters(Feed feed, IEnumerable<KafkaRecord> batch)
    {
        var records = batch as IReadOnlyList<KafkaRecord> ?? batch.ToList();

        lock (_gate)
        {
            _deadLetters[feed] = _deadLetters.GetValueOrDefault(feed) + records.Count;
        }

        StorageMetrics.DeadLettersSeen.WithLabels(feed.Name()).Inc(records.Count);
        return records;
    }
}
