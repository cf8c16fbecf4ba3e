namespace HealthCode.Kafka.Consuming;

/// <summary>A point-in-time view of a consumer group's lag on a set of partitions.</summary>
public sealed class ConsumerLag
{
    /// <summary>Creates a snapshot over <paramref name="partitions"/>.</summary>
    public ConsumerLag(IReadOnlyList<PartitionLag> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);

        Partitions = partitions;
        foreach (var partition in partitions)
        {
            TotalLag += partition.Lag;
            MaxPartitionLag = Math.Max(MaxPartitionLag, partition.Lag);
        }
    }

    /// <summary>A snapshot of no partitions, as before the first assignment.</summary>
    public static ConsumerLag Empty { get; } = new([]);

    /// <summary>Lag of each partition.</summary>
    public IReadOnlyList<PartitionLag> Partitions { get; }

    /// <summary>Sum of the lag of all partitions.</summary>
    public long TotalLag { get; }

    /// <summary>
    /// Largest lag of any one partition: the figure to bound producers by, since retention is per partition.
    /// </summary>
    public long MaxPartitionLag { get; }
}
