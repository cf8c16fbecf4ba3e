using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Engine;

/// <summary>How many distinct (person, case) contacts a rule currently has.</summary>
/// <param name="Rule">The contact rule.</param>
/// <param name="Contacts">Distinct pairs of flagged person and case under it.</param>
public sealed record ContactCount(Rule Rule, int Contacts);
