using Confluent.Kafka;
using HealthCode.Kafka.Embedded;
using HealthCode.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace HealthCode.Kafka.Tests;

public sealed class KafkaTopologyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EnsureCreatedAsync_EmbeddedCluster_CreatesTopicsWithConfiguredPartitions()
    {
        var settings = new KafkaSettings { TopicPartitions = new Dictionary<string, int> { ["pings"] = 12 } };
        var logger = new TestOutputLogger(output);
        using var cluster = EmbeddedKafkaCluster.Start(settings, logger);
        var topology = new KafkaTopology(settings, ["pings", "rail", "pings"]);

        await topology.EnsureCreatedAsync(cluster, logger);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers })
            .Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));

        Assert.Equal(["pings", "rail"], topology.Topics.Select(topic => topic.Name));
        Assert.Equal(12, metadata.Topics.Single(topic => topic.Topic == "pings").Partitions.Count);
        Assert.Equal(6, metadata.Topics.Single(topic => topic.Topic == "rail").Partitions.Count);
    }

    [Fact]
    public async Task EnsureCreatedAsync_AdminApiAgainstMockBrokers_FailsNamingAdminTimeout()
    {
        var logger = new TestOutputLogger(output);
        using var cluster = EmbeddedKafkaCluster.Start(new KafkaSettings(), logger);
        var settings = new KafkaSettings
        {
            BootstrapServers = cluster.BootstrapServers,
            AdminTimeout = TimeSpan.FromSeconds(2),
        };
        var topology = new KafkaTopology(settings, ["pings"]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => topology.EnsureCreatedAsync(null, logger));

        Assert.Contains("'AdminTimeout'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'CreateTopics'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureCreatedAsync_TopicsAlreadyOnTheBrokers_JoinsWithoutCreating()
    {
        // A second process joining a running node's mock cluster: its CreateTopics would time out.
        var logger = new TestOutputLogger(output);
        using var cluster = EmbeddedKafkaCluster.Start(new KafkaSettings(), logger);
        await new KafkaTopology(new KafkaSettings(), ["pings", "rail"]).EnsureCreatedAsync(cluster, logger);
        var settings = new KafkaSettings
        {
            BootstrapServers = cluster.BootstrapServers,
            AdminTimeout = TimeSpan.FromSeconds(2),
        };

        await new KafkaTopology(settings, ["pings", "rail"]).EnsureCreatedAsync(null, logger);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers })
            .Build();
        Assert.Equal(6, admin.GetMetadata("rail", TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Count);
    }

    [Fact]
    public async Task EnsureCreatedAsync_CreateTopicsOff_AssumesTheTopicsExist()
    {
        var settings = new KafkaSettings { BootstrapServers = "127.0.0.1:1", CreateTopics = false };
        var topology = new KafkaTopology(settings, ["pings"]);

        await topology.EnsureCreatedAsync(null, new TestOutputLogger(output));

        Assert.Single(topology.Topics);
    }
}
