using Confluent.Kafka;
using HealthCode.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace HealthCode.Kafka.Tests;

public sealed class KafkaSettingsTests(ITestOutputHelper output)
{
    [Fact]
    public void Validate_Defaults_Passes()
    {
        var settings = new KafkaSettings();

        settings.Validate();

        Assert.True(settings.IsEmbedded);
    }

    [Theory]
    [InlineData(nameof(KafkaSettings.DefaultPartitions))]
    [InlineData(nameof(KafkaSettings.ReplicationFactor))]
    [InlineData(nameof(KafkaSettings.EmbeddedBrokers))]
    [InlineData(nameof(KafkaSettings.HeartbeatInterval))]
    [InlineData(nameof(KafkaSettings.FetchWait))]
    [InlineData(nameof(KafkaSettings.EmbeddedFetchWait))]
    [InlineData(nameof(KafkaSettings.ClientId))]
    public void Validate_BadSetting_ThrowsNamingIt(string setting)
    {
        var settings = setting switch
        {
            nameof(KafkaSettings.DefaultPartitions) => new KafkaSettings { DefaultPartitions = 0 },
            nameof(KafkaSettings.ReplicationFactor) => new KafkaSettings { ReplicationFactor = 4 },
            nameof(KafkaSettings.EmbeddedBrokers) => new KafkaSettings { EmbeddedBrokers = 0, ReplicationFactor = 1 },
            nameof(KafkaSettings.HeartbeatInterval) =>
                new KafkaSettings { HeartbeatInterval = TimeSpan.FromSeconds(20) },
            nameof(KafkaSettings.FetchWait) => new KafkaSettings { FetchWait = TimeSpan.Zero },
            nameof(KafkaSettings.EmbeddedFetchWait) =>
                new KafkaSettings { EmbeddedFetchWait = TimeSpan.FromSeconds(11) },
            _ => new KafkaSettings { ClientId = " " },
        };

        var error = Assert.Throws<InvalidOperationException>(settings.Validate);

        Assert.Contains($"'{setting}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BootstrapWithoutPort_ThrowsNamingBootstrapServers()
    {
        var settings = new KafkaSettings { BootstrapServers = "kafka-0:9092,kafka-1" };

        var error = Assert.Throws<InvalidOperationException>(settings.Validate);

        Assert.Contains("'BootstrapServers'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PartitionOverrideOfZero_ThrowsNamingTheTopic()
    {
        var settings = new KafkaSettings { TopicPartitions = new Dictionary<string, int> { ["pings"] = 0 } };

        var error = Assert.Throws<InvalidOperationException>(settings.Validate);

        Assert.Contains("TopicPartitions[pings]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PartitionsFor_TopicWithOverride_UsesOverrideElseDefault()
    {
        var settings = new KafkaSettings { TopicPartitions = new Dictionary<string, int> { ["pings"] = 24 } };

        Assert.Equal(24, settings.PartitionsFor("pings"));
        Assert.Equal(6, settings.PartitionsFor("rail"));
    }

    [Fact]
    public void BuildProducerConfig_RealCluster_IsIdempotentWithAcksAll()
    {
        var settings = new KafkaSettings { BootstrapServers = "kafka-0:9092" };

        var config = settings.BuildProducerConfig();

        Assert.Equal(Acks.All, config.Acks);
        Assert.True(config.EnableIdempotence);
        Assert.Equal(CompressionType.Lz4, config.CompressionType);
        Assert.Equal("kafka-0:9092", config.BootstrapServers);
    }

    [Fact]
    public async Task BuildProducerConfig_DeliveryReport_HoldsNoMessageBytes()
    {
        await using var bed = KafkaTestBed.Start(output);
        var topic = bed.CreateTopic(1);
        using var producer = bed.CreateProducer();
        var delivered = new TaskCompletionSource<DeliveryReport<byte[]?, byte[]>>();

        producer.Produce(topic, KafkaTestBed.Message(1), report => delivered.SetResult(report));
        var report = await delivered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The producer would otherwise keep every value alive until its report, only to hand it back there.
        Assert.False(report.Error.IsError);
        Assert.Null(report.Message.Value);
        Assert.Null(report.Message.Key);
    }

    [Fact]
    public void BuildConsumerConfig_Group_StoresOffsetsOnlyWhenTheCommitterSaysSo()
    {
        var settings = new KafkaSettings { BootstrapServers = "kafka-0:9092" };

        var config = settings.BuildConsumerConfig("risk");

        Assert.Equal("risk", config.GroupId);
        Assert.False(config.EnableAutoOffsetStore);
        Assert.True(config.EnableAutoCommit);
        Assert.Equal(AutoOffsetReset.Earliest, config.AutoOffsetReset);
        Assert.Equal(50, config.FetchWaitMaxMs);
    }

    [Fact]
    public void BuildProducerConfig_EmbeddedWithoutBootstrap_ThrowsExplainingTheOrder()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new KafkaSettings().BuildProducerConfig());

        Assert.Contains("embedded cluster", error.Message, StringComparison.Ordinal);
    }
}
