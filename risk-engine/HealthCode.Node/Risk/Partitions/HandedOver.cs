namespace HealthCode.Node.Risk.Partitions;

/// <summary>A partition handed its records over and forgot what it no longer holds.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Records">How many records it sent, over all receivers.</param>
internal sealed record HandedOver(int Partition, int Records);
