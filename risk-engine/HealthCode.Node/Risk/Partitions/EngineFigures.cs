using HealthCode.Risk.Engine;

namespace HealthCode.Node.Risk.Partitions;

/// <summary>What the engine's partitions hold together.</summary>
/// <param name="Pings">Distinct pings, each counted once.</param>
/// <param name="Contacts">Distinct (person, case) contacts per rule.</param>
/// <param name="Pairs">Every contact pair when asked for; else empty.</param>
internal sealed record EngineFigures(long Pings, IReadOnlyList<ContactCount> Contacts, IReadOnlyList<ContactPair> Pairs)
{
    /// <summary>The figures of an engine that holds nothing.</summary>
    public static EngineFigures Empty { get; } = new(0, [], []);
}
