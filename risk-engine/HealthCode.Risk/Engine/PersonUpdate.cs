using HealthCode.Risk.Inputs;
using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Engine;

/// <summary>What changed for one person in one engine step, to be applied to the person's code state.</summary>
/// <param name="PersonKey">The person.</param>
/// <param name="Flags">
/// The person's complete set of contact flags after the step, in canonical order, or null when it did not change.
/// A complete set rather than a difference makes applying it twice, or after a newer one, harmless.
/// </param>
/// <param name="Reports">Case reports about the person that arrived in the step.</param>
/// <param name="Declarations">Health declarations of the person that arrived in the step.</param>
/// <param name="Withdrawn">Flags of the previous set that the new one no longer holds; empty when none.</param>
/// <param name="Raised">Flags of the new set that the previous one did not hold; empty when none.</param>
public sealed record PersonUpdate(
    string PersonKey,
    IReadOnlyList<ContactFlag>? Flags,
    IReadOnlyList<CaseReport> Reports,
    IReadOnlyList<Declaration> Declarations,
    IReadOnlyList<ContactFlag> Withdrawn,
    IReadOnlyList<ContactFlag> Raised);
