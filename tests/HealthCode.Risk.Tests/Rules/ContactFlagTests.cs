using HealthCode.Risk.Rules;

namespace HealthCode.Risk.Tests.Rules;

public sealed class ContactFlagTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Id_CopyWithAnotherQuarantineEnd_HasItsOwnId()
    {
        var flag = Flag();
        var id = flag.Id;

        var later = flag with { QuarantineEnds = flag.QuarantineEnds.AddDays(1) };

        Assert.NotEqual(id, later.Id);
        Assert.Equal(id, (later with { QuarantineEnds = flag.QuarantineEnds }).Id);
    }

    [Fact]
    public void Equals_OneIdHashedAndOneNot_StillEqual()
    {
        var hashed = Flag();
        _ = hashed.Id;

        var fresh = Flag();

        Assert.Equal(hashed, fresh);
        Assert.Equal(hashed.GetHashCode(), fresh.GetHashCode());
        Assert.Equal(32, fresh.Id.Length);
        Assert.Equal(hashed.Id, fresh.Id);
    }

    [Fact]
    public void Id_RecordIdsAsAUnionOfPackedLists_IsTheIdOfTheSameIdsAsText()
    {
        IReadOnlyList<string> Ids(int from, int count) => RecordIdSet.Adopt(
            [.. Enumerable.Range(from, count).Select(i => new UInt128((ulong)i, 17))]);
        var union = RecordIdSet.Union(Ids(0, 1), Ids(5, 150), Ids(100, 80));
        ContactFlag FlagWith(IReadOnlyList<string> ids) => new("person-b", CodeColour.Yellow, Start.AddHours(1),
            Start.AddDays(7), new Evidence(Rule.Companion, "case-a", "cell 1:2", new Interval(Start, Start.AddHours(1)),
                ids, RuleSettings.Default.Version));

        var viewed = FlagWith(union);

        Assert.Equal(3, Assert.IsType<PackedRecordIds>(viewed.Evidence.RecordIds).PartCount);
        Assert.Equal(FlagWith([.. union]).Id, viewed.Id);
        Assert.Equal(FlagWith([.. union]), viewed);
    }

    private static ContactFlag Flag() => new("person-b", CodeColour.Yellow, Start.AddHours(1), Start.AddDays(7),
        new Evidence(Rule.Companion, "case-a", "cell 1:2", new Interval(Start, Start.AddHours(1)),
            [$"{1:x32}", $"{2:x32}"], RuleSettings.Default.Version));
}
