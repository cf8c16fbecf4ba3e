using Confluent.Kafka;
using HealthCode.Kafka.Consuming;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthCode.Kafka.Tests.Consuming;

public sealed class KafkaOffsetCommitterTests
{
    [Fact]
    public void Store_RecordNotFromASource_ThrowsNamingTheRecord()
    {
        var record = new KafkaRecord("pings", 3, 17, null, [1], DateTimeOffset.UnixEpoch);

        var error = Assert.Throws<ArgumentException>(() => KafkaOffsetCommitter.Store([record]));

        Assert.Contains("pings [3] @17", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_BatchOutOfPartitionOrder_ThrowsBeforeStoringAnything()
    {
        var session = new ConsumerSession(
            new ConsumerConfig { GroupId = "g" }, ["pings"], KafkaSourceSettings.Default, NullLogger.Instance);
        var origin = new PartitionState(session, new TopicPartition("pings", 0));
        var later = new KafkaRecord(origin, 5, null, null, [1], DateTimeOffset.UnixEpoch);
        var earlier = new KafkaRecord(origin, 3, null, null, [1], DateTimeOffset.UnixEpoch);

        var error = Assert.Throws<InvalidOperationException>(() => KafkaOffsetCommitter.Store([later, earlier]));

        Assert.Contains("out of order", error.Message, StringComparison.Ordinal);
        Assert.Equal(-1, origin.NextToCommit);
    }
}
