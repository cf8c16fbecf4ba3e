using System.Text;
using Confluent.Kafka;
using HealthCode.Contracts.Feeds;
using HealthCode.Ingest.Publishing;
using HealthCode.Kafka;
using HealthCode.Kafka.Embedded;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace HealthCode.Ingest.Tests.Publishing;

/// <summary>A fresh embedded cluster with one feed's topics and an idempotent producer, for one test.</summary>
/// <remarks>
/// Topic names are fixed per feed, so each test gets its own cluster rather than sharing one: a mock cluster
/// starts in milliseconds, and no test has to reason about records another test left behind.
/// </remarks>
internal sealed class IngestTestBed : IDisposable
{
    public const string Pepper = "publishing-test-pepper";

    /// <summary>Partition counts differ between topics, so that mixing them up shows as a wrong partition.</summary>
    private static readonly KafkaSettings BaseSettings = new()
    {
        ProducerLinger = TimeSpan.FromMilliseconds(2),
        TopicPartitions = new Dictionary<string, int>(
            FeedNames.All.Select(feed => KeyValuePair.Create(Topics.DeadLetter(feed), 3)))
        {
            ["cases"] = 2,
            ["flights"] = 5,
        },
    };

    private IngestTestBed(ILogger logger, EmbeddedKafkaCluster cluster, KafkaSettings settings)
    {
        Logger = logger;
        Cluster = cluster;
        Settings = settings;
        Producer = new ProducerBuilder<byte[]?, byte[]>(settings.BuildProducerConfig())
            .SetLogHandler((_, message) => logger.LogDebug("producer {Facility}: {Message}", message.Facility,
                message.Message))
            .Build();
    }

    public static byte[] PepperBytes { get; } = Encoding.UTF8.GetBytes(Pepper);

    public ILogger Logger { get; }

    public EmbeddedKafkaCluster Cluster { get; }

    public KafkaSettings Settings { get; }

    public IProducer<byte[]?, byte[]> Producer { get; }

    /// <summary>Ingest settings with small ping batches, so that a few thousand lines make many records.</summary>
    public static IngestSettings IngestSettings { get; } = new() { Pepper = Pepper, PingBatchSize = 100 };

    /// <summary>Starts a cluster with the canonical and dead-letter topics of <paramref name="feed"/> only.</summary>
    /// <remarks>
    /// Creating a mock topic sometimes takes a whole second (the mock cluster's thread seems to sleep out its poll
    /// timeout instead of waking for the request), so a test creates no more topics than it uses.
    /// </remarks>
    public static async Task<IngestTestBed> StartAsync(ITestOutputHelper output, Feed feed)
    {
        var logger = new TestOutputLogger(output);
        var cluster = EmbeddedKafkaCluster.Start(BaseSettings, logger);
        var settings = BaseSettings with { BootstrapServers = cluster.BootstrapServers };
        string[] topics = [Topics.Canonical(feed), Topics.DeadLetter(feed)];

        await new KafkaTopology(settings, topics).EnsureCreatedAsync(cluster, logger);
        return new IngestTestBed(logger, cluster, settings);
    }

    public int PartitionsOf(string topic) => Settings.PartitionsFor(topic);

    public FeedIngestor CreateIngestor(IngestSettings? settings = null,
        Func<CancellationToken, ValueTask>? paceAsync = null) =>
        new(settings ?? IngestSettings, Producer, Logger, paceAsync);

    /// <summary>Ingests <paramref name="content"/>; the timeout only guards against a hang.</summary>
    public static async Task<FeedIngestResult> IngestAsync(FeedIngestor ingestor, Feed feed, byte[] content,
        string source = "test-file")
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var input = new MemoryStream(content, writable: false);

        return await ingestor.IngestAsync(feed, input, source, guard.Token);
    }

    public IReadOnlyList<ConsumedRecord> Read(string topic) =>
        TopicReader.ReadAll(Settings, topic, PartitionsOf(topic));

    public IReadOnlyList<DeadLetterRecord> ReadDeadLetters(Feed feed)
    {
        var topic = Topics.DeadLetter(feed);
        var records = Read(topic);

        // Dead letters are spread by line number, so each must sit on the partition its line gives.
        Assert.All(records, r => Assert.Equal(DeadLetterRecord.Decode(r.Value).Line % PartitionsOf(topic),
            r.Partition));
        Assert.All(records, r => Assert.Null(r.Key));
        return [.. records.Select(r => DeadLetterRecord.Decode(r.Value)).OrderBy(d => d.Line)];
    }

    /// <summary>The broker that currently leads <paramref name="partition"/> of <paramref name="topic"/>.</summary>
    public int LeaderOf(string topic, int partition)
    {
        using var admin = new AdminClientBuilder(Settings.BuildAdminConfig()).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));

        return metadata.Topics.Single().Partitions.Single(p => p.PartitionId == partition).Leader;
    }

    public void Dispose()
    {
        Producer.Dispose();
        Cluster.Dispose();
    }
}
