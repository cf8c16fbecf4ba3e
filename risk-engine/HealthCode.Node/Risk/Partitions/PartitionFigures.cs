using HealthCode.Risk.Engine;

namespace HealthCode.Node.Risk.Partitions;

/// <summary>What a partition holds for its home people.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Pings">The pings it answers for.</param>
/// <param name="Contacts">Contacts per rule.</param>
/// <param name="Pairs">Every contact pair when asked for; else empty.</param>
internal sealed record PartitionFigures(
    int Partition,
    long Pings,
    IReadOnlyList<ContactCount> Contacts,
    IReadOnlyList<ContactPair> Pairs);
