using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using HealthCode.Kafka.Consuming;
using HealthCode.Kafka.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace HealthCode.Kafka.Tests.Consuming;

public sealed class KafkaConsumerSourceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Source_RecordsProduced_AreConsumedAndCommittedUpToHighWatermarks()
    {
        await using var bed = KafkaTestBed.Start(output);
        var topic = bed.CreateTopic(partitions: 6);
        using var producer = bed.CreateProducer();
        await KafkaTestBed.ProduceAsync(producer, topic, 0, 1000);
        var collector = new RecordCollector();

        var control = KafkaConsumerSource.Create(bed.ConsumerConfig("round-trip"), [topic], bed.Logger)
            .GroupedWithin(100, TimeSpan.FromMilliseconds(20))
            .Select(batch => Collect(collector, batch))
            .ToMaterialized(KafkaOffsetCommitter.BatchSink(), Keep.Left)
            .Run(bed.Materializer);
        await collector.WaitForDistinctAsync(1000);
        await control.DrainAsync().Within("the drain");

        Assert.Equal(KafkaTestBed.Values(0, 1000).Order(), collector.Values.Order());
        var lag = await bed.CommittedLagAsync("round-trip", topic);
        Assert.Equal(6, lag.Partitions.Count);
        Assert.All(lag.Partitions, partition => Assert.Equal(partition.HighWatermark, partition.Committed));
        Assert.Equal(0, lag.TotalLag);
    }

    [Fact]
    public async Task Source_DownstreamStopsPulling_PausesAtBufferLimitAndResumesOnDemand()
    {
        await using var bed = KafkaTestBed.Start(output);
        var topic = bed.CreateTopic(partitions: 3);
        using var producer = bed.CreateProducer();
        await KafkaTestBed.ProduceAsync(producer, topic, 0, 3000);
        var settings = new KafkaSourceSettings
        {
            MaxBufferedRecords = 200,
            PauseAfter = TimeSpan.FromMilliseconds(200),
            LagRefreshInterval = TimeSpan.FromMilliseconds(50),
        };

        var config = bed.ConsumerConfig("back-pressure");
        var (control, queue) = KafkaConsumerSource.Create(config, [topic], bed.Logger, settings)
            .ToMaterialized(Sink.Queue<KafkaRecord>(), Keep.Both)
            .Run(bed.Materializer);
        var received = new List<KafkaRecord>();
        for (var i = 0; i < 10; i++)
        {
            received.Add((await queue.PullAsync().Within("a record")).Value);
        }

        await Eventually.WaitUntilAsync(() => Fetched(control.Lag) >= 200, "the consumer to fill its buffer");

        // A reader that ignored back-pressure would run through all 3,000 records in this idle time, which is also
        // long enough for the consumer to pause its partitions.
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        var idle = control.Lag;

        while (received.Count < 3000)
        {
            received.Add((await queue.PullAsync().Within("a record")).Value);
        }

        await control.StopAsync().Within("the stop");

        // Bound: 10 pulled + the queue sink's 16-element buffer + 200 buffered.
        var fetched = Fetched(idle);
        Assert.InRange(fetched, 200, 226);
        Assert.Equal(3000 - fetched, idle.Partitions.Sum(partition => partition.PositionLag));
        Assert.Equal(3000, idle.TotalLag);
        Assert.Equal(KafkaTestBed.Values(0, 3000).Order(), received.Select(Text).Order());
    }

    [Fact]
    public async Task Source_DownstreamStageFails_DoesNotCommitTheFailedRecordOrLater()
    {
        await using var bed = KafkaTestBed.Start(output);
        var topic = bed.CreateTopic(partitions: 3);
        using var producer = bed.CreateProducer();
        for (var partition = 0; partition < 3; partition++)
        {
            await KafkaTestBed.ProduceToPartitionAsync(producer, topic, partition, partition * 100, 100);
        }

        var (control, done) = KafkaConsumerSource.Create(bed.ConsumerConfig("failing"), [topic], bed.Logger)
            .Select(record => record.Partition == 0 && record.Offset == 50
                ? throw new InvalidOperationException("handler failed")
                : record)
            .GroupedWithin(10, TimeSpan.FromMilliseconds(5))
            .ToMaterialized(KafkaOffsetCommitter.BatchSink(), Keep.Both)
            .Run(bed.Materializer);
        await Assert.ThrowsAsync<InvalidOperationException>(() => done.Within("the stream to fail"));
        await control.Completion.Within("the consumer to close");

        var committedLag = await bed.CommittedLagAsync("failing", topic);
        var committed = committedLag.Partitions.Single(partition => partition.Partition == 0).Committed;
        var (again, first) = KafkaConsumerSource.Create(bed.ConsumerConfig("failing"), [topic], bed.Logger)
            .Where(record => record.Partition == 0)
            .ToMaterialized(Sink.First<KafkaRecord>(), Keep.Both)
            .Run(bed.Materializer);
        var resumedAt = (await first.Within("the first record after the restart")).Offset;
        await again.StopAsync().Within("the second consumer to stop");

        Assert.True(committed <= 50, $"committed offset {committed} is past the failed record 50");
        Assert.InRange(resumedAt, 0, 50);
    }

    [Fact]
    public async Task Source_CancelledByTake_CommitsExactlyTheTakenRecords()
    {
        await using var bed = KafkaTestBed.Start(output);
        var topic = bed.CreateTopic(partitions: 1);
        using var producer = bed.CreateProducer();
        await KafkaTestBed.ProduceToPartitionAsync(producer, topic, 0, 0, 200);

        var (control, done) = KafkaConsumerSource.Create(bed.ConsumerConfig("take"), [topic], bed.Logger)
            .Take(50)
            .GroupedWithin(7, TimeSpan.FromMilliseconds(50))
            .SelectAsync(1, async batch =>
            {
                // The last batches reach the committer well after Take has cancelled the source.
                await Task.Delay(100);
                return batch;
            })
            .ToMaterialized(KafkaOffsetCommitter.BatchSink(), Keep.Both)
            .Run(bed.Materializer);
        await done.Within("the stream to complete");
        await control.Completion.Within("the consumer to close");

        var lag = await bed.CommittedLagAsync("take", topic);
        Assert.Equal(50, lag.Partitions.Single().Committed);
        Assert.Equal(150, lag.TotalLag);
    }

    [Fact]
    public async Task LagProbe_GroupCatchesUp_ReportsBacklogThenZero()
    {
        await using var bed = KafkaTestBed.Start(output);
        var topic = bed.CreateTopic(partitions: 4);
        using var producer = bed.CreateProducer();
        await KafkaTestBed.ProduceAsync(producer, topic, 0, 400);
        using var probe = new ConsumerGroupLagProbe(bed.ConsumerConfig("probe"), [topic]);
        var before = await probe.QueryAsync().Within("the first lag query");

        var control = KafkaConsumerSource.Create(bed.ConsumerConfig("probe"), [topic], bed.Logger)
            .ToMaterialized(KafkaOffsetCommitter.Sink(), Keep.Left)
            .Run(bed.Materializer);
        await probe.WaitForLagAtMostAsync(0, TimeSpan.FromMilliseconds(50)).Within("the group to catch up");
        await control.DrainAsync().Within("the drain");

        Assert.Equal(400, before.TotalLag);
        Assert.Equal(4, before.Partitions.Count);
        Assert.All(before.Partitions, partition => Assert.Equal(-1, partition.Committed));
    }

    [Fact]
    public void Create_AutoOffsetStoreEnabled_ThrowsNamingTheSetting()
    {
        var config = new ConsumerConfig { BootstrapServers = "127.0.0.1:9092", GroupId = "g" };

        var error = Assert.Throws<ArgumentException>(
            () => KafkaConsumerSource.Create(config, ["t"], NullLogger.Instance));

        Assert.Contains("enable.auto.offset.store", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NoGroupId_ThrowsNamingTheSetting()
    {
        var config = new ConsumerConfig { BootstrapServers = "127.0.0.1:9092", EnableAutoOffsetStore = false };

        var error = Assert.Throws<ArgumentException>(
            () => KafkaConsumerSource.Create(config, ["t"], NullLogger.Instance));

        Assert.Contains("group.id", error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<KafkaRecord> Collect(RecordCollector collector, IEnumerable<KafkaRecord> batch)
    {
        var records = batch.ToList();
        collector.AddRange(records);
        return records;
    }

    private static long Fetched(ConsumerLag lag) => lag.Partitions.Sum(partition => Math.Max(0, partition.Position));

    private static string Text(KafkaRecord record) => System.Text.Encoding.UTF8.GetString(record.Value);
}
