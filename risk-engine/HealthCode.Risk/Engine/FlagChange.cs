using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Engine;

/// <summary>How one recompute changed a person's flags.</summary>
/// <param name="Flags">The complete set after it.</param>
/// <param name="Withdrawn">Flags the set no longer holds.</param>
/// <param name="Raised">Flags the set did not hold before.</param>
internal sealed record FlagChange(
    IReadOnlyList<ContactFlag> Flags, IReadOnlyList<ContactFlag> Withdrawn, IReadOnlyList<ContactFlag> Raised);
