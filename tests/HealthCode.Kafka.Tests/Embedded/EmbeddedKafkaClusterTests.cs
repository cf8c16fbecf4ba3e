using Akka.Streams.Dsl;
using Confluent.Kafka;
using HealthCode.Kafka.Consuming;
using HealthCode.Kafka.Embedded;
using HealthCode.Kafka.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace HealthCode.Kafka.Tests.Embedded;

public sealed class EmbeddedKafkaClusterTests(ITestOutputHelper output)
{
    [Fact]
    public void Start_DefaultSettings_ServesThreeBrokersOnLoopback()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new KafkaSettings(), new TestOutputLogger(output));
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers })
            .Build();

        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));

        Assert.Equal(3, cluster.BrokerCount);
        Assert.Equal(3, cluster.BootstrapServers.Split(',').Length);
        Assert.All(
            cluster.BootstrapServers.Split(','),
            address => Assert.StartsWith("127.0.0.1:", address, StringComparison.Ordinal));
        Assert.Equal([1, 2, 3], metadata.Brokers.Select(broker => broker.BrokerId).Order());
    }

    [Fact]
    public void CreateTopic_SevenPartitions_MetadataShowsSevenReplicatedPartitions()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new KafkaSettings(), new TestOutputLogger(output));
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers })
            .Build();

        cluster.CreateTopic(new TopicSpec("pings", 7, 3));
        var topic = admin.GetMetadata("pings", TimeSpan.FromSeconds(10)).Topics.Single();

        Assert.False(topic.Error.IsError);
        Assert.Equal(7, topic.Partitions.Count);
        Assert.All(topic.Partitions, partition => Assert.Equal(3, partition.Replicas.Length));
    }

    [Fact]
    public void CreateTopic_Twice_KeepsTheFirstPartitionCount()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new KafkaSettings(), new TestOutputLogger(output));
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers })
            .Build();

        cluster.CreateTopic(new TopicSpec("rail", 4, 3));
        cluster.CreateTopic(new TopicSpec("rail", 8, 3));
        var topic = admin.GetMetadata("rail", TimeSpan.FromSeconds(10)).Topics.Single();

        Assert.Equal(4, topic.Partitions.Count);
    }

    [Fact]
    public void CreateTopic_ReplicationAboveBrokerCount_ThrowsNamingTheSetting()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new KafkaSettings(), NullLogger.Instance);

        var error = Assert.Throws<ArgumentException>(() => cluster.CreateTopic(new TopicSpec("t", 1, 4)));

        Assert.Contains(nameof(KafkaSettings.ReplicationFactor), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_Twice_IsHarmlessAndLaterCallsThrow()
    {
        var cluster = EmbeddedKafkaCluster.Start(new KafkaSettings(), NullLogger.Instance);

        cluster.Dispose();
        cluster.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cluster.SetBrokerDown(1));
    }

    [Fact]
    public async Task PushRequestErrors_OnProduce_ProducerRetriesAndWritesEachRecordOnce()
    {
        await using var bed = KafkaTestBed.Start(output);
        var topic = bed.CreateTopic(partitions: 3);
        using var producer = bed.CreateProducer();
        await KafkaTestBed.ProduceAsync(producer, topic, 0, 10);
        bed.Cluster.StartRequestTracking();

        bed.Cluster.PushRequestErrors(
            KafkaApiKey.Produce,
            ErrorCode.NotLeaderForPartition,
            ErrorCode.RequestTimedOut,
            ErrorCode.NotEnoughReplicas,
            ErrorCode.NotEnoughReplicasAfterAppend);
        await KafkaTestBed.ProduceAsync(producer, topic, 10, 290);
        var produceRequests = bed.Cluster.CountTrackedRequests(KafkaApiKey.Produce);
        bed.Cluster.StopRequestTracking();
        var consumed = await ConsumeAllAsync(bed, topic, 300);

        Assert.True(produceRequests >= 5, $"only {produceRequests} produce requests: the errors were not retried");
        Assert.Equal(KafkaTestBed.Values(0, 300).Order(), consumed.Values.Order());
        var lag = await bed.CommittedLagAsync("verify", topic);
        Assert.Equal(300, lag.Partitions.Sum(partition => partition.HighWatermark));
    }

    [Fact]
    public async Task SetBrokerDown_MidStream_IdempotentProducerAndConsumerLoseNothing()
    {
        await using var bed = KafkaTestBed.Start(output);
        var topic = bed.CreateTopic(partitions: 6);
        using var producer = bed.CreateProducer();
        var consumed = new RecordCollector();
        var control = Consume(bed, topic, "broker-down", consumed);
        await KafkaTestBed.ProduceAsync(producer, topic, 0, 1000);
        await consumed.WaitForDistinctAsync(500);

        bed.Cluster.SetBrokerDown(1);
        var whileDown = KafkaTestBed.ProduceAsync(producer, topic, 1000, 1000);

        // Leave the producer and the consumer time to run into the refused connections before the broker returns.
        await Task.Delay(TimeSpan.FromSeconds(1));
        bed.Cluster.SetBrokerUp(1);
        await whileDown;
        await consumed.WaitForDistinctAsync(2000);
        // Commits resume while the consumer runs. When the coordinator was the broker that went down, the member
        // may have to join the group again first, and a commit made meanwhile (the drain's own, right away) is
        // refused with UnknownMemberId, so the test waits for the running consumer's commits, not the drain's.
        var lag = await CommittedEverythingAsync(bed, "broker-down", topic);
        await control.DrainAsync().Within("the drain");

        Assert.Equal(KafkaTestBed.Values(0, 2000).Distinct().Order(), consumed.Values.Distinct().Order());
        Assert.Equal(2000, lag.Partitions.Sum(partition => partition.HighWatermark));
        Assert.All(lag.Partitions, partition => Assert.Equal(partition.HighWatermark, partition.Committed));
    }

    private static async Task<ConsumerLag> CommittedEverythingAsync(KafkaTestBed bed, string group, string topic)
    {
        var deadline = DateTime.UtcNow + Eventually.Guard;
        while (true)
        {
            var lag = await bed.CommittedLagAsync(group, topic);
            if (lag.Partitions.All(p => p.Committed == p.HighWatermark) || DateTime.UtcNow > deadline)
            {
                return lag;
            }

            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task SetPartitionLeader_MidStream_RecordsKeepFlowing()
    {
        await using var bed = KafkaTestBed.Start(output);
        var topic = bed.CreateTopic(partitions: 3);
        using var producer = bed.CreateProducer();
        var consumed = new RecordCollector();
        var control = Consume(bed, topic, "leader-move", consumed);
        await KafkaTestBed.ProduceAsync(producer, topic, 0, 300);
        await consumed.WaitForDistinctAsync(100);

        for (var partition = 0; partition < 3; partition++)
        {
            bed.Cluster.SetPartitionLeader(topic, partition, 2);
        }

        await KafkaTestBed.ProduceAsync(producer, topic, 300, 300);
        await consumed.WaitForDistinctAsync(600);
        await control.DrainAsync().Within("the drain");

        Assert.Equal(KafkaTestBed.Values(0, 600).Order(), consumed.Values.Order());
    }

    private static KafkaConsumerControl Consume(
        KafkaTestBed bed, string topic, string group, RecordCollector collector) =>
        KafkaConsumerSource.Create(bed.ConsumerConfig(group), [topic], bed.Logger)
            .Select(record =>
            {
                collector.Add(record);
                return record;
            })
            .ToMaterialized(KafkaOffsetCommitter.Sink(), Keep.Left)
            .Run(bed.Materializer);

    private static async Task<RecordCollector> ConsumeAllAsync(KafkaTestBed bed, string topic, int count)
    {
        var collector = new RecordCollector();
        var control = Consume(bed, topic, "verify", collector);

        await collector.WaitForDistinctAsync(count);
        await control.DrainAsync().Within("the drain");
        return collector;
    }
}
