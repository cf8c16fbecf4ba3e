using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Engine;

/// <summary>How many distinct (person, case) contacts a rule currently has.</summary>
/// <param name="Rule">The contact rule.</param>
/// <param name="Contacts">Distinct pairs of flagged person and case under it.</param>
public sealed record ContactCount(Rule Rule, int Contacts)
{
    /// <summary>The counts per rule, in rule order, of distinct (rule, person, case) pairs.</summary>
    public static IReadOnlyList<ContactCount> PerRule(
        IEnumerable<(Rule Rule, string PersonKey, string CaseKey)> pairs) => pairs
        .GroupBy(c => c.Rule)
        .OrderBy(g => g.Key)
        .Select(g => new ContactCount(g.Key, g.Count()))
        .ToList();
}
