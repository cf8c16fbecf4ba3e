using System.Buffers;
using System.Globalization;
using HealthCode.Risk.Engine;

namespace HealthCode.Risk.Rules;

/// <summary>Why a colour applies: the rule, the case, the place, the time and the feed records behind it.</summary>
public sealed record Evidence
{
    // "O" writes 33 characters for a DateTimeOffset; the rest is room to spare.
    private const int MaxInstantLength = 40;

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
        // Compared as numbers: an enum's own CompareTo takes an object and boxes both sides, a quarter of a
        // million boxes a case in risk-e2e's allocation samples.
        var byRule = ((int)a.Rule).CompareTo((int)b.Rule);
        if (byRule != 0)
        {
            return byRule;
        }

        var bySpan = a.Span.Start.CompareTo(b.Span.Start);
        if (bySpan != 0)
        {
            return bySpan;
        }

        // The order is that of the texts "case|place|end|rule set|ids joined by ','" compared ordinally. They are
        // written into pooled buffers: made as strings, they were a new string of every record id per comparison.
        var first = ArrayPool<char>.Shared.Rent(SortKeyLength(a));
        var second = ArrayPool<char>.Shared.Rent(SortKeyLength(b));
        try
        {
            var x = first.AsSpan(0, WriteSortKey(a, first));
            var y = second.AsSpan(0, WriteSortKey(b, second));
            return x.SequenceCompareTo(y);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(first);
            ArrayPool<char>.Shared.Return(second);
        }
    }

    private static int SortKeyLength(Evidence e)
    {
        var ids = e.RecordIds is PackedRecordIds packed
            ? packed.Count * (PackedRecordIds.IdLength + 1)
            : e.RecordIds.Sum(id => id.Length + 1);
        return (e.CaseKey?.Length ?? 0) + e.Place.Length + e.RuleSetVersion.Length + MaxInstantLength + ids + 4;
    }

    private static int WriteSortKey(Evidence e, char[] key)
    {
        var used = 0;

        void Write(ReadOnlySpan<char> text)
        {
            text.CopyTo(key.AsSpan(used));
            used += text.Length;
        }

        Write(e.CaseKey);
        Write("|");
        Write(e.Place);
        Write("|");
        e.Span.End.TryFormat(key.AsSpan(used), out var written, "O", CultureInfo.InvariantCulture);
        used += written;
        Write("|");
        Write(e.RuleSetVersion);
        Write("|");

        if (e.RecordIds is PackedRecordIds packed)
        {
            Span<char> hex = stackalloc char[PackedRecordIds.IdLength];
            var first = true;
            foreach (var value in packed.EnumerateValues())
            {
                Write(first ? "" : ",");
                Write(RecordKeys.Format(value, hex));
                first = false;
            }

            return used;
        }

        for (var i = 0; i < e.RecordIds.Count; i++)
        {
            Write(i > 0 ? "," : "");
            Write(e.RecordIds[i]);
        }

        return used;
    }
}
