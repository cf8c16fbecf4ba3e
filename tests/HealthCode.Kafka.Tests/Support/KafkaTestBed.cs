using System.Runtime.CompilerServices;
using System.Text;
using Akka.Actor;
using Akka.Streams;
using Confluent.Kafka;
using HealthCode.Kafka.Consuming;
using HealthCode.Kafka.Embedded;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace HealthCode.Kafka.Tests.Support;

/// <summary>A fresh embedded cluster, actor system and materializer for one test.</summary>
internal sealed class KafkaTestBed : IAsyncDisposable
{
    private KafkaTestBed(ILogger logger, EmbeddedKafkaCluster cluster, KafkaSettings settings, ActorSystem system)
    {
        Logger = logger;
        Cluster = cluster;
        Settings = settings;
        System = system;
        Materializer = system.Materializer();
    }

    public ILogger Logger { get; }

    public EmbeddedKafkaCluster Cluster { get; }

    public KafkaSettings Settings { get; }

    public ActorSystem System { get; }

    public IMaterializer Materializer { get; }

    /// <summary>
    /// Settings that make group membership react quickly: the mock coordinator waits for rejoining members for the
    /// session timeout less one second before it completes a rebalance.
    /// </summary>
    public static KafkaSettings FastSettings { get; } = new()
    {
        SessionTimeout = TimeSpan.FromMilliseconds(2500),
        HeartbeatInterval = TimeSpan.FromMilliseconds(300),
        AutoCommitInterval = TimeSpan.FromMilliseconds(200),
        ProducerLinger = TimeSpan.FromMilliseconds(2),
    };

    public static KafkaTestBed Start(ITestOutputHelper output, LogLevel minimum = LogLevel.Information)
    {
        var logger = new TestOutputLogger(output, minimum);
        var cluster = EmbeddedKafkaCluster.Start(FastSettings, logger);
        var settings = FastSettings with { BootstrapServers = cluster.BootstrapServers };
        var system = ActorSystem.Create("kafka-tests", "akka.loglevel = WARNING");

        return new KafkaTestBed(logger, cluster, settings, system);
    }

    public string CreateTopic(int partitions, [CallerMemberName] string test = "")
    {
        var topic = $"t-{test}".Replace('_', '-');
        Cluster.CreateTopic(new TopicSpec(topic, partitions, 3));

        return topic;
    }

    public ConsumerConfig ConsumerConfig(string groupId)
    {
        var config = Settings.BuildConsumerConfig(groupId);

        // Short fetch waits keep a quiet partition from delaying the end of a test by the 500 ms default.
        config.FetchWaitMaxMs = 50;
        return config;
    }

    public IProducer<byte[]?, byte[]> CreateProducer() =>
        new ProducerBuilder<byte[]?, byte[]>(Settings.BuildProducerConfig())
            .SetLogHandler(
                (_, message) => Logger.LogDebug("producer {Facility}: {Message}", message.Facility, message.Message))
            .Build();

    public static Message<byte[]?, byte[]> Message(int index) => new()
    {
        Key = Encoding.UTF8.GetBytes($"key-{index % 97}"),
        Value = Encoding.UTF8.GetBytes(Value(index)),
    };

    public static string Value(int index) => $"record-{index:D6}";

    public static IReadOnlyCollection<string> Values(int from, int count) =>
        [.. Enumerable.Range(from, count).Select(Value)];

    public static async Task ProduceAsync(IProducer<byte[]?, byte[]> producer, string topic, int from, int count)
    {
        var deliveries = Enumerable.Range(from, count).Select(i => producer.ProduceAsync(topic, Message(i))).ToList();
        await Task.WhenAll(deliveries).Within($"delivery of records {from} to {from + count - 1}");
    }

    public static async Task ProduceToPartitionAsync(
        IProducer<byte[]?, byte[]> producer, string topic, int partition, int from, int count)
    {
        var target = new TopicPartition(topic, partition);
        var deliveries = Enumerable.Range(from, count).Select(i => producer.ProduceAsync(target, Message(i))).ToList();
        await Task.WhenAll(deliveries).Within($"delivery of records {from} to {from + count - 1} to [{partition}]");
    }

    public async Task<ConsumerLag> CommittedLagAsync(string groupId, string topic)
    {
        using var probe = new ConsumerGroupLagProbe(ConsumerConfig(groupId), [topic]);

        return await probe.QueryAsync().Within($"the committed lag of group {groupId}");
    }

    public async ValueTask DisposeAsync()
    {
        await System.Terminate();
        Cluster.Dispose();
    }
}
