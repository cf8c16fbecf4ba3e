namespace HealthCode.Node.Risk.Partitions;

/// <summary>
/// Recomputes what the step's records changed and applies the home people's updates (journaled by their entities,
/// contacts on Kafka); answered with <see cref="PartitionStepped"/> once every update is acknowledged.
/// </summary>
/// <param name="Partition">The partition.</param>
/// <param name="Generation">The pipeline run.</param>
internal sealed record StepPartition(int Partition, string Generation) : IPartitionMessage;
