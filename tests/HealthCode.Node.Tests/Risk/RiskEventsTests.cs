using HealthCode.Contracts.Geo;
using HealthCode.Node.Risk;
using HealthCode.Risk;
using HealthCode.Risk.Cluster.Journal;
using HealthCode.Risk.Inputs;
using HealthCode.Risk.Rules;
using HealthCode.Risk.Stays;
using V1 = HealthCode.Contracts.Events.V1;

namespace HealthCode.Node.Tests.Risk;

public sealed class RiskEventsTests
{
    private const string PersonKey = "0123456789abcdef0123456789abcdef";
    private const string CaseKey = "fedcba9876543210fedcba9876543210";

    private static readonly PackedRecordIds Packed = PackedRecordIds.Adopt(
        [.. Enumerable.Range(1, 300).Select(i => new UInt128((ulong)i, (ulong)i * 31))])!;

    [Fact]
    public void Encode_CodeChangeWithPackedTextAndNoIds_ParsesAsTheGeneratedMessage()
    {
        // Text ids of every length class: plain hex, non-ASCII, and one past 127 bytes (a two-byte length).
        IReadOnlyList<string> text = ["0a", "réservation-7", new string('x', 200)];
        var change = new CodeChanged(3, CodeColour.Green, CodeColour.Yellow, 1_000, 9_000, AwaitingDeclaration: false,
            [Evidence(Packed), Evidence(text), Evidence([])], 4_000);

        var head = RiskEvents.CodeChangeHead(PersonKey, change, "rules-1");
        var parsed = V1.CodeChange.Parser.ParseFrom(RiskEvents.Encode(head, change));

        Assert.Equal(RiskEvents.ToCodeChange(PersonKey, change, "rules-1"), parsed);
        Assert.Equal(300, parsed.Evidence[0].RecordIds.Count);
        Assert.Equal(Packed[0], parsed.Evidence[0].RecordIds[0]);
    }

    [Fact]
    public void Encode_CodeChangeWithAUnionOfPackedIds_ParsesAsTheGeneratedMessage()
    {
        // A companion's evidence as the engine makes it: a view over the report's id and the two stays' ids.
        var report = new CaseReport($"{9:x32}", CaseKey, CaseStatus.Confirmed, DateTimeOffset.UnixEpoch.AddDays(30));
        Presence StayOf(string person, int salt) => new(person, new CellKey(1, 2),
            new Interval(DateTimeOffset.UnixEpoch.AddDays(29), DateTimeOffset.UnixEpoch.AddDays(29).AddHours(2)),
            PackedRecordIds.Adopt([.. Enumerable.Range(0, 40).Select(i => new UInt128((ulong)i, (ulong)salt))])!);
        var flag = Assert.Single(new CompanionRule(RuleSettings.Default).Evaluate(
            CaseExposure.Of(report, RuleSettings.Default)!, [StayOf(CaseKey, 1)], [StayOf(PersonKey, 2)]));
        Assert.Equal(3, Assert.IsType<PackedRecordIds>(flag.Evidence.RecordIds).PartCount);
        var change = new CodeChanged(1, CodeColour.Green, CodeColour.Yellow, 1_000, 9_000, AwaitingDeclaration: false,
            [StoredEvidence.From(flag.Evidence)], 4_000);

        var head = RiskEvents.CodeChangeHead(PersonKey, change, "rules-1");
        var parsed = V1.CodeChange.Parser.ParseFrom(RiskEvents.Encode(head, change));

        Assert.Equal(RiskEvents.ToCodeChange(PersonKey, change, "rules-1"), parsed);
        Assert.Equal(flag.Evidence.RecordIds, parsed.Evidence[0].RecordIds);
    }

    [Fact]
    public void Encode_CodeChangeWithoutValidUntilOrEvidence_ParsesAsTheGeneratedMessage()
    {
        var change = new CodeChanged(1, CodeColour.Red, CodeColour.Green, 1_000, null, AwaitingDeclaration: true, [],
            4_000);

        var head = RiskEvents.CodeChangeHead(PersonKey, change, "rules-1");
        var parsed = V1.CodeChange.Parser.ParseFrom(RiskEvents.Encode(head, change));

        Assert.Equal(RiskEvents.ToCodeChange(PersonKey, change, "rules-1"), parsed);
        Assert.False(parsed.HasValidUntilMs);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EncodeContact_PackedOrTextIds_ParsesAsTheGeneratedMessage(bool packed)
    {
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        IReadOnlyList<string> ids = packed ? Packed : [.. Packed];
        var flag = new ContactFlag(PersonKey, CodeColour.Yellow, start.AddHours(1), start.AddDays(7),
            new Evidence(Rule.Companion, CaseKey, "cell 1:2", new Interval(start, start.AddHours(1)), ids, "rules-1"));

        var parsed = V1.Contact.Parser.ParseFrom(RiskEvents.EncodeContact(flag, withdrawn: true, 5_000));

        Assert.Equal(RiskEvents.ToContact(flag, withdrawn: true, 5_000), parsed);
        Assert.Equal([.. Packed], parsed.RecordIds);
    }

    [Fact]
    public void EncodeContact_TwoFlagsInTurn_EachParsesAsItsOwnMessage()
    {
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        var first = new ContactFlag(PersonKey, CodeColour.Yellow, start.AddHours(1), start.AddDays(7),
            new Evidence(Rule.Companion, CaseKey, "cell 1:2", new Interval(start, start.AddHours(1)), Packed, "r1"));
        var second = new ContactFlag("p-other", CodeColour.Red, start, start.AddDays(14),
            new Evidence(Rule.FlightCloseContact, "case-other", "CA1234 2026-12-01", new Interval(start, start),
                [Packed[0]], "r2"));

        var firstBytes = RiskEvents.EncodeContact(first, withdrawn: true, 5_000);
        var secondBytes = RiskEvents.EncodeContact(second, withdrawn: false, 6_000);

        Assert.Equal(RiskEvents.ToContact(first, withdrawn: true, 5_000), V1.Contact.Parser.ParseFrom(firstBytes));
        Assert.Equal(RiskEvents.ToContact(second, withdrawn: false, 6_000), V1.Contact.Parser.ParseFrom(secondBytes));
    }

    private static StoredEvidence Evidence(IReadOnlyList<string> ids) =>
        new(Rule.Companion, CaseKey, "cell 1:2", 1_000, 2_000, ids, "rules-1");
}
