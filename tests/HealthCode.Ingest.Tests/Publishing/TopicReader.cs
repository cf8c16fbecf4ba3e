using Confluent.Kafka;
using HealthCode.Kafka;

namespace HealthCode.Ingest.Tests.Publishing;

/// <summary>Reads every record of a topic, from the beginning up to the high watermark of each partition.</summary>
/// <remarks>
/// Partitions are assigned directly rather than through a group, so reading back costs no rebalance and leaves no
/// committed offsets that a later read in the same test could trip over.
/// </remarks>
internal static class TopicReader
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    public static IReadOnlyList<ConsumedRecord> ReadAll(KafkaSettings settings, string topic, int partitions)
    {
        var config = settings.BuildConsumerConfig("read-back-" + Guid.NewGuid().ToString("N"));
        config.EnableAutoCommit = false;
        config.FetchWaitMaxMs = 50;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(config).Build();

        var ends = Enumerable.Range(0, partitions)
            .Select(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), Guard).High.Value)
            .ToArray();
        consumer.Assign(Enumerable.Range(0, partitions)
            .Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));

        var records = new List<ConsumedRecord>();
        var remaining = ends.Count(end => end > 0);
        var deadline = DateTime.UtcNow + Guard;

        while (remaining > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Read only {records.Count} records of {topic} within {Guard}.");
            }

            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));

            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            var partition = result.Partition.Value;
            records.Add(new ConsumedRecord(partition, result.Offset.Value, result.Message.Key, result.Message.Value));

            if (result.Offset.Value == ends[partition] - 1)
            {
                remaining--;
            }
        }

        consumer.Close();
        return records;
    }
}
