namespace HealthCode.Risk.Rules;

/// <summary>Why a colour applies: the rule, the case, the place, the time and the feed records behind it.</summary>
public sealed record Evidence
{
    /// <summary>Creates evidence; record ids are kept sorted and distinct so equal facts compare equal.</summary>
    public Evidence(
        Rule rule, string? caseKey, string place, Interval span, IEnumerable<string> recordIds, string ruleSetVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(place);
        ArgumentNullException.ThrowIfNull(recordIds);
        ArgumentException.ThrowIfNullOrEmpty(ruleSetVersion);

        Rule = rule;
        CaseKey = caseKey;
        Place = place;
        Span = span;
        RecordIds = RecordIdSet.Of(recordIds);
        RuleSetVersion = ruleSetVersion;
    }

    /// <summary>The rule that matched.</summary>
    public Rule Rule { get; }

    /// <summary>The key of the case behind it; null only for an abnormal declaration, which has no case.</summary>
    public string? CaseKey { get; }

    /// <summary>Where it happened: a cell (<c>cell row:col</c>), a service, a case report or a declaration.</summary>
    public string Place { get; }

    /// <summary>When it happened: the overlap, the journey, the case's reports or the declaration instant.</summary>
    public Interval Span { get; }

    /// <summary>The ids of the feed records behind it, sorted ordinally.</summary>
    public IReadOnlyList<string> RecordIds { get; }

    /// <summary>The <see cref="RuleSettings.Version"/> of the rule set that produced it.</summary>
    public string RuleSetVersion { get; }

    /// <inheritdoc/>
    public bool Equals(Evidence? other) => other is not null
        && Rule == other.Rule
        && CaseKey == other.CaseKey
        && Place == other.Place
        && Span == other.Span
        && RuleSetVersion == other.RuleSetVersion
        && RecordIdSet.SequenceEqual(RecordIds, other.RecordIds);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Rule, CaseKey, Place, Span, RecordIds.Count);

    /// <summary>A total order over evidence, so lists of it come out the same whatever the input order.</summary>
    internal static int Compare(Evidence a, Evidence b)
    {
        var byRule = a.Rule.CompareTo(b.Rule);
        if (byRule != 0)
        {
            return byRule;
        }

        var bySpan = a.Span.Start.CompareTo(b.Span.Start);
        if (bySpan != 0)
        {
            return bySpan;
        }

        return string.CompareOrdinal(SortKey(a), SortKey(b));
    }

    private static string SortKey(Evidence e) =>
        $"{e.CaseKey}|{e.Place}|{e.Span.End:O}|{e.RuleSetVersion}|{string.Join(',', e.RecordIds)}";
}
