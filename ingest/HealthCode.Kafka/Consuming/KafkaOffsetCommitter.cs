using Akka;
using Akka.Streams.Dsl;

namespace HealthCode.Kafka.Consuming;

/// <summary>
/// Marks records as handled: stores offset + 1 of the last record of each partition for the consumer's next commit.
/// Place it after the last stage that must succeed; it stores nothing once the stream has failed.
/// </summary>
/// <remarks>
/// Storing is a local librdkafka call; the consumer commits stored offsets every auto-commit interval, before a
/// partition is revoked, and when it closes. Offsets of partitions the consumer no longer owns are not stored:
/// their new owner reads those records again.
/// </remarks>
public static class KafkaOffsetCommitter
{
    /// <summary>A flow that stores the offsets of each handled batch and passes the batch on.</summary>
    public static Flow<IEnumerable<KafkaRecord>, IEnumerable<KafkaRecord>, NotUsed> BatchFlow() =>
        Flow.Create<IEnumerable<KafkaRecord>>()
            .Select(batch =>
            {
                Store(batch);
                return batch;
            })
            .Named("KafkaOffsetCommitter");

    /// <summary>A sink that stores the offsets of each handled batch; it completes when the stream does.</summary>
    public static Sink<IEnumerable<KafkaRecord>, Task<Done>> BatchSink() =>
        BatchFlow().ToMaterialized(Akka.Streams.Dsl.Sink.Ignore<IEnumerable<KafkaRecord>>(), Keep.Right);

    /// <summary>
    /// A sink that stores the offset of each handled record; prefer batches when throughput matters.
    /// </summary>
    public static Sink<KafkaRecord, Task<Done>> Sink() =>
        Flow.Create<KafkaRecord>()
            .Select(record =>
            {
                Store(record);
                return record;
            })
            .Named("KafkaOffsetCommitter")
            .ToMaterialized(Akka.Streams.Dsl.Sink.Ignore<KafkaRecord>(), Keep.Right);

    /// <summary>Stores the offsets of a batch of handled records, keeping only the last one per partition.</summary>
    internal static void Store(IEnumerable<KafkaRecord> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);

        var last = new Dictionary<PartitionState, KafkaRecord>();
        foreach (var record in batch)
        {
            var origin = Origin(record);
            if (last.TryGetValue(origin, out var previous) && record.Offset <= previous.Offset)
            {
                if (record.Offset == previous.Offset)
                {
                    continue;
                }

                throw OutOfOrder(record, previous.Offset);
            }

            last[origin] = record;
        }

        foreach (var (origin, record) in last)
        {
            StoreLast(origin, record);
        }
    }

    /// <summary>Stores the offset of one handled record.</summary>
    internal static void Store(KafkaRecord record) => StoreLast(Origin(record), record);

    private static void StoreLast(PartitionState origin, KafkaRecord record)
    {
        if (!origin.TryStoreHandled(record.Offset, record.LeaderEpoch))
        {
            var session = origin.Session;
            KafkaLog.StoreSkipped(session.Logger, session.GroupId, record.Topic, record.Partition, record.Offset);
        }
    }

    private static PartitionState Origin(KafkaRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);

        return record.Origin ?? throw new ArgumentException(
            $"Record {record} was not emitted by KafkaConsumerSource, so there is no consumer to commit it to.",
            nameof(record));
    }

    private static InvalidOperationException OutOfOrder(KafkaRecord record, long previous) => new(
        $"Records of {record.Topic} [{record.Partition}] reached the offset committer out of order (offset "
        + $"{record.Offset} after {previous}): keep per-partition order between KafkaConsumerSource and "
        + "KafkaOffsetCommitter (for example SelectAsync, not SelectAsyncUnordered).");
}
