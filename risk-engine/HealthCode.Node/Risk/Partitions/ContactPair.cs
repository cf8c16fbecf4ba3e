using HealthCode.Risk.Rules;

namespace HealthCode.Node.Risk.Partitions;

/// <summary>A person flagged towards a case under a rule.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="PersonKey">The flagged person.</param>
/// <param name="CaseKey">The case.</param>
internal sealed record ContactPair(Rule Rule, string PersonKey, string CaseKey);
