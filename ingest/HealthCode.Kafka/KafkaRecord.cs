using HealthCode.Kafka.Consuming;

namespace HealthCode.Kafka;

/// <summary>One record read from Kafka: where it came from, its key, value and timestamp.</summary>
/// <remarks>
/// Records emitted by <see cref="KafkaConsumerSource"/> remember the partition assignment they were read under,
/// which lets <see cref="KafkaOffsetCommitter"/> refuse to store offsets of partitions this consumer has lost.
/// </remarks>
public sealed class KafkaRecord
{
    /// <summary>Creates a record that is not tied to a consumer, for example as input of a unit test.</summary>
    public KafkaRecord(string topic, int partition, long offset, byte[]? key, byte[] value, DateTimeOffset timestamp)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(value);

        Topic = topic;
        Partition = partition;
        Offset = offset;
        Key = key;
        Value = value;
        Timestamp = timestamp;
    }

    internal KafkaRecord(
        PartitionState origin, long offset, int? leaderEpoch, byte[]? key, byte[] value, DateTimeOffset timestamp)
        : this(origin.Topic, origin.Partition, offset, key, value, timestamp)
    {
        Origin = origin;
        LeaderEpoch = leaderEpoch;
    }

    /// <summary>Topic the record was read from.</summary>
    public string Topic { get; }

    /// <summary>Partition the record was read from.</summary>
    public int Partition { get; }

    /// <summary>Offset of the record in its partition.</summary>
    public long Offset { get; }

    /// <summary>Record key, or null when the producer sent none.</summary>
    public byte[]? Key { get; }

    /// <summary>Record value; empty for a tombstone.</summary>
    public byte[] Value { get; }

    /// <summary>Record timestamp as set by the producer or the broker.</summary>
    public DateTimeOffset Timestamp { get; }

    internal PartitionState? Origin { get; }

    internal int? LeaderEpoch { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Topic} [{Partition}] @{Offset}";
}
