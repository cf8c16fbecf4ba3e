using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Engine;

/// <summary>How many distinct (person, case) contacts a rule currently has.</summary>
/// <param name="Rule">The contact rule.</param>
/// <param name="Contacts">Distinct pairs of flagged person and case under it.</param>
public sealed record ContactCount(Rule Rule, int Contacts)
{
    /// <summary>The counts per rule, in rule order, of several disjoint sets of persons added up.</summary>
    public static IReadOnlyList<ContactCount> Sum(IEnumerable<IReadOnlyList<ContactCount>> counts) => counts
        .SelectMany(c => c)
        .GroupBy(c => c.Rule)
        .OrderBy(g => g.Key)
        .Select(g => new ContactCount(g.Key, g.Sum(c => c.Contacts)))
        .ToList();
}
