using Confluent.Kafka;
using HealthCode.Kafka.Consuming;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthCode.Kafka.Tests.Consuming;

public sealed class PartitionStateTests
{
    [Fact]
    public void MarkEmitted_OffsetsJumpAhead_CountsTheOnesNeverRead()
    {
        var session = NewSession();
        var partition = new PartitionState(session, new TopicPartition("pings", 2));

        Assert.True(partition.TryMarkEmitted(5));
        Assert.True(partition.TryMarkEmitted(6));
        Assert.True(partition.TryMarkEmitted(10));
        Assert.True(partition.TryMarkEmitted(11));

        Assert.Equal(3, session.Skipped);
    }

    [Fact]
    public void MarkEmitted_ContiguousOffsetsOnTwoPartitions_CountsNothing()
    {
        var session = NewSession();
        var first = new PartitionState(session, new TopicPartition("pings", 0));
        var second = new PartitionState(session, new TopicPartition("pings", 1));

        foreach (var offset in new long[] { 40, 41, 42 })
        {
            first.TryMarkEmitted(offset);
            second.TryMarkEmitted(offset - 40);
        }

        Assert.Equal(0, session.Skipped);
    }

    private static ConsumerSession NewSession() => new(
        new ConsumerConfig { GroupId = "g" }, ["pings"], KafkaSourceSettings.Default, NullLogger.Instance);
}
