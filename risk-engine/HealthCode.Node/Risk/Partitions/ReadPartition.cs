namespace HealthCode.Node.Risk.Partitions;

/// <summary>Asks a partition for its figures; answered with <see cref="PartitionFigures"/>.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="WithPairs">Whether to list every contact pair, not only count them.</param>
internal sealed record ReadPartition(int Partition, bool WithPairs) : IPartitionMessage;
