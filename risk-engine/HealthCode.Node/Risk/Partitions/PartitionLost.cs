namespace HealthCode.Node.Risk.Partitions;

/// <summary>
/// A partition does not hold the run's state (it restarted, or belongs to another run): the pipeline must start
/// again from the stored history.
/// </summary>
/// <param name="Partition">The partition.</param>
/// <param name="Reason">What it found instead.</param>
internal sealed record PartitionLost(int Partition, string Reason);
