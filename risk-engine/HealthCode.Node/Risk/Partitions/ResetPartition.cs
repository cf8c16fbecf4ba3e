namespace HealthCode.Node.Risk.Partitions;

/// <summary>
/// Starts a partition afresh, empty, for one run of the pipeline; answered with <see cref="PartitionReady"/>. Every
/// later message names the run, so that a partition restarted elsewhere (empty) answers
/// <see cref="PartitionLost"/> instead of carrying on with half the history.
/// </summary>
/// <param name="Partition">The partition.</param>
/// <param name="Count">How many partitions the engine has.</param>
/// <param name="Generation">The pipeline run.</param>
internal sealed record ResetPartition(int Partition, int Count, string Generation) : IPartitionMessage;
