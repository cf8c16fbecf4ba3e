using HealthCode.Contracts.Events.V1;
using HealthCode.Contracts.Feeds;
using HealthCode.Ingest.Parsing;
using HealthCode.Ingest.Publishing;
using HealthCode.Ingest.Records;

namespace HealthCode.Ingest.Tests.Publishing;

public sealed class PingPartitionsTests
{
    [Fact]
    public void Add_PingsOfManyKeys_BatchesThemByKeyPartitionerAndSaysWhenFull()
    {
        var batches = new PingPartitions(partitions: 4, batchSize: 3);
        var taken = new List<(int Partition, PingBatch Batch)>();

        for (var i = 0; i < 40; i++)
        {
            if (batches.Add(PingOf(i), out var partition))
            {
                taken.Add((partition, PingBatch.Parser.ParseFrom(batches.Take(partition))));
            }
        }

        var rest = Enumerable.Range(0, batches.Count)
            .Select(p => (Partition: p, Batch: batches.Take(p) is { } b ? PingBatch.Parser.ParseFrom(b) : new()));
        var all = taken.Concat(rest).ToList();

        Assert.All(taken, t => Assert.Equal(3, t.Batch.Pings.Count));
        Assert.All(all, t => Assert.All(t.Batch.Pings,
            p => Assert.Equal(KeyPartitioner.PartitionOf(p.SubscriberKey, 4), t.Partition)));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i),
            all.SelectMany(t => t.Batch.Pings).Select(p => p.ObservedAtMs).Order());
    }

    [Fact]
    public void Take_EmptyPartition_GivesNull()
    {
        Assert.Null(new PingPartitions(partitions: 2, batchSize: 10).Take(1));
    }

    private static ParsedPing PingOf(int i) =>
        new(default(RecordIdBytes), $"{i * 0x9E3779B9L:x8}000000000000000000000000"[..32], 30, 120, 10, i, -i);
}
