namespace HealthCode.Node.Risk.Partitions;

/// <summary>
/// After a step's records: a partition sends the records of some SIMs and some persons' trips to the partitions
/// that take them over (as <see cref="AddRecords"/>), then forgets the SIMs it no longer holds; answered with
/// <see cref="HandedOver"/> once every receiver has added them.
/// </summary>
/// <param name="Partition">The partition handing over.</param>
/// <param name="Generation">The pipeline run.</param>
/// <param name="Sims">The SIMs to send, each with the partitions it goes to.</param>
/// <param name="Travellers">The persons whose trips to send, each with the partitions they go to.</param>
/// <param name="Forget">The SIMs to drop last.</param>
internal sealed record HandOver(
    int Partition,
    string Generation,
    IReadOnlyDictionary<string, int[]> Sims,
    IReadOnlyDictionary<string, int[]> Travellers,
    IReadOnlyList<string> Forget) : IPartitionMessage;
