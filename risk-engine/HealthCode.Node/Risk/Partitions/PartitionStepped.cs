using HealthCode.Risk.Engine;

namespace HealthCode.Node.Risk.Partitions;

/// <summary>A partition's step is done and applied.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Updates">Person updates applied.</param>
/// <param name="StepSeconds">The engine's step.</param>
/// <param name="CodesSeconds">From the step's start until every code change it made was delivered.</param>
/// <param name="ApplySeconds">Applying the updates, until every one was acknowledged and every contact out.</param>
/// <param name="Contacts">The home people's contacts per rule when any flag changed; null when none did.</param>
internal sealed record PartitionStepped(
    int Partition,
    int Updates,
    double StepSeconds,
    double CodesSeconds,
    double ApplySeconds,
    IReadOnlyList<ContactCount>? Contacts);
