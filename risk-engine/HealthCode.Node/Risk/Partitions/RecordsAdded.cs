namespace HealthCode.Node.Risk.Partitions;

/// <summary>A partition added a chunk of records.</summary>
/// <param name="Partition">The partition.</param>
internal sealed record RecordsAdded(int Partition);
