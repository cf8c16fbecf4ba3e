using Akka.Streams.Dsl;
using HealthCode.Kafka.Consuming;
using HealthCode.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace HealthCode.Kafka.Tests.Consuming;

public sealed class ConsumerGroupRebalanceTests(ITestOutputHelper output)
{
    private const string Group = "rebalance";

    [Fact]
    public async Task Group_SecondMemberJoinsMidStream_EveryRecordConsumedAndCommittedToHighWatermarks()
    {
        await using var bed = KafkaTestBed.Start(output);
        var topic = bed.CreateTopic(partitions: 6);
        using var producer = bed.CreateProducer();
        await KafkaTestBed.ProduceAsync(producer, topic, 0, 3000);
        var all = new RecordCollector();
        var second = new RecordCollector();

        var firstMember = Member(bed, topic, all, new RecordCollector());
        await Eventually.WaitUntilAsync(() => all.Distinct >= 300, "the first member to be under way");
        var secondMember = Member(bed, topic, all, second);
        await Eventually.WaitUntilAsync(
            () => firstMember.Assignment.Count > 0 && secondMember.Assignment.Count > 0
                && firstMember.Assignment.Count + secondMember.Assignment.Count == 6,
            "the group to spread six partitions over both members");
        var handledBeforeRebalance = all.Distinct;
        await KafkaTestBed.ProduceAsync(producer, topic, 3000, 1500);
        await all.WaitForDistinctAsync(4500);

        // Commits while the group rebalances are refused by the mock coordinator, so wait for the members' own
        // commits to reach the end before they leave (and rebalance the group) one after the other.
        using (var probe = new ConsumerGroupLagProbe(bed.ConsumerConfig(Group), [topic]))
        {
            await probe.WaitForLagAtMostAsync(0, TimeSpan.FromMilliseconds(50))
                .Within("the group to commit everything");
        }

        await firstMember.DrainAsync().Within("the first drain");
        await secondMember.DrainAsync().Within("the second drain");

        Assert.True(handledBeforeRebalance < 4500, "the rebalance did not happen mid-stream");
        Assert.True(second.Deliveries > 0, "the second member never received a record");
        Assert.Equal(KafkaTestBed.Values(0, 4500).Order(), all.Values.Order());
        var lag = await bed.CommittedLagAsync(Group, topic);
        Assert.Equal(4500, lag.Partitions.Sum(partition => partition.HighWatermark));
        Assert.All(lag.Partitions, partition => Assert.Equal(partition.HighWatermark, partition.Committed));
    }

    private static KafkaConsumerControl Member(
        KafkaTestBed bed, string topic, RecordCollector all, RecordCollector mine) =>
        KafkaConsumerSource.Create(bed.ConsumerConfig(Group), [topic], bed.Logger)
            .GroupedWithin(20, TimeSpan.FromMilliseconds(10))
            .SelectAsync(1, async batch =>
            {
                // Slow handling keeps records in flight while the group rebalances.
                await Task.Delay(10);
                var records = batch.ToList();
                all.AddRange(records);
                mine.AddRange(records);
                return (IEnumerable<KafkaRecord>)records;
            })
            .ToMaterialized(KafkaOffsetCommitter.BatchSink(), Keep.Left)
            .Run(bed.Materializer);
}
