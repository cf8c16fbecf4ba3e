namespace HealthCode.Node.Risk.Partitions;

/// <summary>A partition is empty and belongs to the run.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Generation">The pipeline run.</param>
internal sealed record PartitionReady(int Partition, string Generation);
