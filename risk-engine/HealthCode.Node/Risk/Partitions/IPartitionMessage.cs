namespace HealthCode.Node.Risk.Partitions;

/// <summary>A message to one engine partition entity, which sharding routes by its number.</summary>
internal interface IPartitionMessage
{
    /// <summary>The partition addressed.</summary>
    int Partition { get; }
}
