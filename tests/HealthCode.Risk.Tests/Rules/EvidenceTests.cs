using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Tests.Rules;

public sealed class EvidenceTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Compare_RandomEvidence_OrdersAsTheTextOfItsFieldsJoined()
    {
        var random = new Random(11);
        string[] words = ["a", "ab", "a|", "a|b", "b", "cell 1:2", "cell 1:20", "", "~x", "z,"];
        var evidence = Enumerable.Range(0, 400).Select(_ => Random(random, words)).ToList();

        foreach (var a in evidence)
        {
            foreach (var b in evidence.Take(60))
            {
                Assert.Equal(Math.Sign(Reference(a, b)), Math.Sign(Evidence.Compare(a, b)));
            }
        }
    }

    /// <summary>The definition, spelt out: by rule, then start, then the text of the other fields joined.</summary>
    private static int Reference(Evidence a, Evidence b)
    {
        var byRule = a.Rule.CompareTo(b.Rule);
        if (byRule != 0)
        {
            return byRule;
        }

        var bySpan = a.Span.Start.CompareTo(b.Span.Start);
        return bySpan != 0 ? bySpan : string.CompareOrdinal(Text(a), Text(b));
    }

    private static string Text(Evidence e) =>
        $"{e.CaseKey}|{e.Place}|{e.Span.End:O}|{e.RuleSetVersion}|{string.Join(',', e.RecordIds)}";

    private static Evidence Random(Random random, string[] words)
    {
        // Few values per field, so that many pairs tie on the rule and the start and reach the text.
        string Word() => words[random.Next(words.Length)];
        var start = Start.AddMinutes(random.Next(2));
        var end = start.AddMinutes(10 + random.Next(3));

        // Ids of the feed's form are packed as values; any other id keeps the list as strings.
        var count = random.Next(4);
        IEnumerable<string> ids = random.Next(2) == 0
            ? Enumerable.Range(0, count).Select(_ => $"{random.Next(5):x32}")
            : Enumerable.Range(0, count).Select(_ => Word() + random.Next(3));
        var caseKey = random.Next(5) == 0 ? null : Word();
        var place = Word() is { Length: > 0 } p ? p : "cell 9:9";
        var version = random.Next(2) == 0 ? "design-defaults-1" : "design-defaults-1|b";
        return new Evidence(random.Next(2) == 0 ? Rule.Companion : Rule.FellowTraveller, caseKey, place,
            new Interval(start, end), ids, version);
    }
}
