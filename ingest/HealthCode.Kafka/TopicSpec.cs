namespace HealthCode.Kafka;

/// <summary>A topic the system needs: its name, partition count and replication factor.</summary>
/// <param name="Name">Topic name.</param>
/// <param name="Partitions">Number of partitions.</param>
/// <param name="ReplicationFactor">Number of replicas of each partition.</param>
public sealed record TopicSpec(string Name, int Partitions, short ReplicationFactor)
{
    /// <summary>Builds the spec of <paramref name="topic"/> from the partition and replication settings.</summary>
    public static TopicSpec From(KafkaSettings settings, string topic)
    {
        ArgumentNullException.ThrowIfNull(settings);

        return new TopicSpec(topic, settings.PartitionsFor(topic), settings.ReplicationFactor);
    }
}
