using System.Text.Json.Serialization;
using HealthCode.Risk.Cluster.Persistence;
using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Cluster.Journal;

/// <summary>Evidence as the journal keeps it: plain values and lists, which JSON rebuilds without help.</summary>
/// <param name="Rule">The rule that matched.</param>
/// <param name="CaseKey">The case behind it; null for an abnormal declaration.</param>
/// <param name="Place">The cell, service, case report or declaration.</param>
/// <param name="FromMs">Start of the span, Unix milliseconds.</param>
/// <param name="ToMs">End of the span, Unix milliseconds.</param>
/// <param name="RecordIds">The feed records behind it, sorted.</param>
/// <param name="RuleSetVersion">The rule set that produced it.</param>
public sealed record StoredEvidence(
    Rule Rule,
    string? CaseKey,
    string Place,
    long FromMs,
    long ToMs,
    [property: JsonConverter(typeof(RecordIdsJsonConverter))] IReadOnlyList<string> RecordIds,
    string RuleSetVersion)
{
    /// <summary>The journal form of <paramref name="evidence"/>.</summary>
    public static StoredEvidence From(Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return new StoredEvidence(evidence.Rule, evidence.CaseKey, evidence.Place,
            evidence.Span.Start.ToUnixTimeMilliseconds(), evidence.Span.End.ToUnixTimeMilliseconds(),
            evidence.RecordIds, evidence.RuleSetVersion);
    }

    /// <summary>The evidence this stands for.</summary>
    public Evidence ToEvidence() => new(Rule, CaseKey, Place,
        new Interval(DateTimeOffset.FromUnixTimeMilliseconds(FromMs), DateTimeOffset.FromUnixTimeMilliseconds(ToMs)),
        RecordIds, RuleSetVersion);
}
