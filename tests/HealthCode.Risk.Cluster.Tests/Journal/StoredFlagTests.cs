using System.IO.Hashing;
using System.Text;
using HealthCode.Risk.Cluster.Journal;
using HealthCode.Risk.Cluster.Tests.Persons;
using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Cluster.Tests.Journal;

public sealed class StoredFlagTests
{
    [Fact]
    public void From_Flag_IdIsTheHashOfItsFieldsJoined()
    {
        var start = Given.T0.AddHours(3);
        var ids = Enumerable.Range(0, 200).Select(i => $"{i:x32}").ToArray();
        var evidence = new Evidence(Rule.Companion, Given.CaseKey, "cell 1:2", new Interval(start, start.AddHours(1)),
            ids, RuleSettings.Default.Version);
        var flag = new ContactFlag(Given.PersonKey, CodeColour.Yellow, start.AddHours(1), start.AddDays(7), evidence);

        var stored = StoredFlag.From(flag);

        // The definition, spelt out: every field joined by '|', the record ids among them joined by ','.
        var text = string.Join('|', Given.PersonKey, CodeColour.Yellow, start.AddHours(1).ToUnixTimeMilliseconds(),
            start.AddDays(7).ToUnixTimeMilliseconds(), Rule.Companion, Given.CaseKey, "cell 1:2",
            start.ToUnixTimeMilliseconds(), start.AddHours(1).ToUnixTimeMilliseconds(), RuleSettings.Default.Version,
            string.Join(',', ids));
        Assert.Equal(Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(text))), stored.FlagId);
    }

    [Fact]
    public void From_FlagWithPackedIds_HasTheIdOfTheSameIdsAsText()
    {
        var start = Given.T0.AddHours(3);
        var values = Enumerable.Range(0, 200).Select(i => new UInt128((ulong)i, (ulong)(i * 7919))).ToArray();
        var packed = PackedRecordIds.Adopt(values)!;
        string[] text = [.. packed];

        StoredFlag FlagWith(IReadOnlyList<string> ids) => StoredFlag.From(new ContactFlag(Given.PersonKey,
            CodeColour.Yellow, start.AddHours(1), start.AddDays(7), new Evidence(Rule.Companion, Given.CaseKey,
                "cell 1:2", new Interval(start, start.AddHours(1)), ids, RuleSettings.Default.Version)));

        Assert.Equal(FlagWith(text).FlagId, FlagWith(packed).FlagId);
    }

    [Fact]
    public void From_FlagsDifferingInOneRecord_HaveDifferentIds()
    {
        var first = Given.Companion(1);
        var start = Given.T0.AddHours(1);
        var evidence = new Evidence(Rule.Companion, Given.CaseKey, "cell 1:2",
            new Interval(start, start.AddMinutes(20)), [$"{2:x32}"], RuleSettings.Default.Version);
        var second = StoredFlag.From(new ContactFlag(Given.PersonKey, CodeColour.Yellow, start.AddMinutes(20),
            start.AddMinutes(20).AddDays(7), evidence));

        Assert.NotEqual(first.FlagId, second.FlagId);
    }

    [Fact]
    public void ToFlag_OfAJournalForm_IsTheFlagItWasMadeFromAndItsIdIsHashedOnce()
    {
        var start = Given.T0.AddHours(3);
        var evidence = new Evidence(Rule.Companion, Given.CaseKey, "cell 1:2", new Interval(start, start.AddHours(1)),
            [$"{7:x32}"], RuleSettings.Default.Version);
        var flag = new ContactFlag(Given.PersonKey, CodeColour.Yellow, start.AddHours(1), start.AddDays(7), evidence);
        var stored = StoredFlag.From(flag);

        var rebuilt = stored with { };

        Assert.Same(flag, stored.ToFlag(Given.PersonKey));
        Assert.Same(stored.FlagId, StoredFlag.From(flag).FlagId);
        Assert.Equal(flag, rebuilt.ToFlag(Given.PersonKey));
        Assert.Equal(Given.OtherKey, stored.ToFlag(Given.OtherKey).PersonKey);
    }
}
