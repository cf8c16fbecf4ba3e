using HealthCode.Risk.Engine.Partitions;

namespace HealthCode.Node.Risk.Partitions;

/// <summary>Records for a partition to add, one chunk of a step; answered with <see cref="RecordsAdded"/>.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Generation">The pipeline run.</param>
/// <param name="Records">The records.</param>
internal sealed record AddRecords(int Partition, string Generation, PartitionRecords Records) : IPartitionMessage;
