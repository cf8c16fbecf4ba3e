using HealthCode.Contracts.Events.V1;
using HealthCode.Contracts.Feeds;

namespace HealthCode.Ingest.Tests.Publishing;

/// <summary>Decodes the <c>pings</c> topic, checking the batch rules on the way.</summary>
internal static class PingTopic
{
    /// <summary>Every ping of every batch; fails unless each batch is keyless, bounded, rightly placed.</summary>
    public static IReadOnlyList<Ping> Decode(IReadOnlyList<ConsumedRecord> records, int partitions, int batchSize)
    {
        var pings = new List<Ping>();

        foreach (var record in records)
        {
            var batch = PingBatch.Parser.ParseFrom(record.Value);

            Assert.Null(record.Key);
            Assert.InRange(batch.Pings.Count, 1, batchSize);
            Assert.All(batch.Pings, ping =>
                Assert.Equal(KeyPartitioner.PartitionOf(ping.SubscriberKey, partitions), record.Partition));
            pings.AddRange(batch.Pings);
        }

        return pings;
    }

    /// <summary>The content of the pings, in observation order (unique in the generated files).</summary>
    public static IReadOnlyList<ExpectedPing> Content(IEnumerable<Ping> pings) =>
        Sorted(pings.Select(ExpectedPing.Of));

    /// <summary>Expected pings in the order of <see cref="Content"/>.</summary>
    public static IReadOnlyList<ExpectedPing> Sorted(IEnumerable<ExpectedPing> pings) =>
        [.. pings.OrderBy(p => p.ObservedAtMs).ThenBy(p => p.SubscriberKey, StringComparer.Ordinal)];
}
