using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using HealthCode.Contracts.Geo;
using HealthCode.Risk.Cluster.Journal;
using HealthCode.Risk.Cluster.Persistence;
using HealthCode.Risk.Cluster.Persons;
using HealthCode.Risk.Cluster.Tests.Persons;
using HealthCode.Risk.Inputs;
using HealthCode.Risk.Rules;
using HealthCode.Risk.Stays;

namespace HealthCode.Risk.Cluster.Tests.Persistence;

public sealed class PersonSerializerTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("serializer-test",
        SqlitePersistence.Config(Path.Combine(Path.GetTempPath(), $"unused-{Guid.NewGuid():N}.db")));

    public void Dispose() => _system.Terminate().Wait();

    [Fact]
    public void Journal_GroupTypes_AreBoundToThePersonSerializer()
    {
        var serialization = _system.Serialization;

        Assert.All(
            new object[]
            {
                Changed(), new GroupPublished([]), new GroupSnapshot([]), new GroupForgot(["k"]),
                new UpdatePersons(1, []),
            },
            value => Assert.IsType<PersonSerializer>(serialization.FindSerializerFor(value)));
    }

    [Fact]
    public void GroupChanged_RoundTrip_KeepsEveryFact()
    {
        var changed = Changed();

        var back = Assert.IsType<GroupChanged>(RoundTrip(changed));

        Assert.Equivalent(changed, back, strict: true);
    }

    [Fact]
    public void GroupChanged_WithDeliveries_KeepsThemAndWritesNoneWhenThereAreNone()
    {
        var changed = Changed() with { Published = [new PublishedUpTo(Given.OtherKey, 3)] };

        var back = Assert.IsType<GroupChanged>(RoundTrip(changed));
        var without = Encoding.UTF8.GetString(Serializer().ToBinary(Changed()));
        var old = Assert.IsType<GroupChanged>(
            Serializer().FromBinary(Encoding.UTF8.GetBytes(without), Serializer().Manifest(changed)));

        Assert.Equivalent(changed, back, strict: true);
        Assert.DoesNotContain("Published", without, StringComparison.Ordinal);
        Assert.Null(old.Published);
    }

    [Fact]
    public void GroupSnapshot_RoundTrip_KeepsEveryPersonsState()
    {
        var change = Changed().Changes[0].Changed;
        var state = PersonState.Empty.With(change);
        var snapshot = new GroupSnapshot([new KeyedPersonState(Given.PersonKey, state)]);

        var back = Assert.IsType<GroupSnapshot>(RoundTrip(snapshot));

        Assert.Equivalent(snapshot, back, strict: true);
        Assert.Equal(1, back.Persons[0].State.LastSequence);
        Assert.Single(back.Persons[0].State.Unpublished);
    }

    [Fact]
    public void UpdatePersons_RoundTrip_KeepsANullFlagSetNull()
    {
        var update = new UpdatePersons(7, [Given.Declared("d1", Given.T0), Given.Flags(Given.Companion(1))]);

        var back = Assert.IsType<UpdatePersons>(RoundTrip(update));

        Assert.Equal(7, back.Group);
        Assert.Null(back.Updates[0].Flags);
        Assert.Equivalent(update, back, strict: true);
    }

    [Fact]
    public void Colours_AreWrittenByName()
    {
        var json = Encoding.UTF8.GetString(Serializer().ToBinary(Changed()));

        Assert.Contains("\"Yellow\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordIds_AreWrittenAsOneStringAndReadBack()
    {
        var flag = Given.Companion(1);
        var two = flag with { Evidence = flag.Evidence with { RecordIds = ["0a", "0b"] } };
        var changed = new GroupChanged([new PersonChange(Given.PersonKey,
            new PersonChanged([two], [], [], [], null))]);

        var json = Encoding.UTF8.GetString(Serializer().ToBinary(changed));
        var back = Assert.IsType<GroupChanged>(RoundTrip(changed));

        Assert.Contains("\"0a,0b\"", json, StringComparison.Ordinal);
        Assert.Equal(["0a", "0b"], back.Changes[0].Changed.AddedFlags[0].Evidence.RecordIds);
    }

    [Fact]
    public void RecordIds_AllFeedHex_ArePackedAndReadBackAsTheSameHex()
    {
        string[] ids = ["00000000000000000000000000000000", "0123456789abcdef0123456789abcdef",
            "ffffffffffffffffffffffffffffffff"];
        var changed = WithRecordIds(ids);

        var json = Encoding.UTF8.GetString(Serializer().ToBinary(changed));
        var back = Assert.IsType<GroupChanged>(RoundTrip(changed));

        Assert.Contains("\"~", json, StringComparison.Ordinal);
        Assert.DoesNotContain(ids[1], json, StringComparison.Ordinal);
        Assert.Equal(ids, back.Changes[0].Changed.AddedFlags[0].Evidence.RecordIds);
    }

    [Fact]
    public void RecordIds_TheEnginesPackedValues_ReadBackPacked()
    {
        var packed = PackedRecordIds.Adopt([new UInt128(1, 2), new UInt128(3, 4)])!;

        var back = Assert.IsType<GroupChanged>(RoundTrip(WithRecordIds(packed)));

        var ids = Assert.IsType<PackedRecordIds>(back.Changes[0].Changed.AddedFlags[0].Evidence.RecordIds);
        Assert.Equal(packed.Values.ToArray(), ids.Values.ToArray());
    }

    [Fact]
    public void RecordIds_AUnionOfPackedLists_ReadBackAsTheSameIds()
    {
        // A companion's evidence as the engine makes it: the report's id, the case's stay and the person's stay.
        var report = new CaseReport($"{9:x32}", Given.CaseKey, CaseStatus.Confirmed, Given.T0.AddDays(1));
        Presence StayOf(string person, int salt) => new(person, new CellKey(1, 2),
            new Interval(Given.T0, Given.T0.AddHours(2)),
            PackedRecordIds.Adopt([.. Enumerable.Range(0, 40).Select(i => new UInt128((ulong)salt, (ulong)i * 3))])!);
        var flag = Assert.Single(new CompanionRule(RuleSettings.Default).Evaluate(
            CaseExposure.Of(report, RuleSettings.Default)!, [StayOf(Given.CaseKey, 1)], [StayOf(Given.PersonKey, 2)]));
        var union = Assert.IsType<PackedRecordIds>(flag.Evidence.RecordIds);

        var back = Assert.IsType<GroupChanged>(RoundTrip(WithRecordIds(union)));

        Assert.Equal(3, union.PartCount);
        Assert.Equal([.. union], back.Changes[0].Changed.AddedFlags[0].Evidence.RecordIds);
    }

    [Fact]
    public void RecordIds_FeedHexOutOfOrder_KeepTheirOrder()
    {
        string[] ids = ["ffffffffffffffffffffffffffffffff", "00000000000000000000000000000000"];

        var back = Assert.IsType<GroupChanged>(RoundTrip(WithRecordIds(ids)));

        Assert.Equal(ids, back.Changes[0].Changed.AddedFlags[0].Evidence.RecordIds);
    }

    [Fact]
    public void RecordIds_OneListInAFlagAndItsChange_AreWrittenOnceAndReadAsOneList()
    {
        var packed = PackedRecordIds.Adopt([.. Enumerable.Range(1, 50).Select(i => new UInt128(7, (ulong)i))])!;
        var flag = Given.Companion(1);
        var evidence = flag.Evidence with { RecordIds = packed };
        var change = new CodeChanged(1, CodeColour.Green, CodeColour.Yellow, 1_000, 2_000, AwaitingDeclaration: false,
            [evidence with { }], 3_000);
        var changed = new GroupChanged([new PersonChange(Given.PersonKey,
            new PersonChanged([flag with { Evidence = evidence }], [], [], [], change))]);

        var json = Encoding.UTF8.GetString(Serializer().ToBinary(changed));
        var back = Assert.IsType<GroupChanged>(RoundTrip(changed)).Changes[0].Changed;

        Assert.Contains("\"~#0\"", json, StringComparison.Ordinal);
        Assert.Equal(packed, back.AddedFlags[0].Evidence.RecordIds);
        Assert.Same(back.AddedFlags[0].Evidence.RecordIds, back.Change!.Evidence[0].RecordIds);
    }

    [Fact]
    public void RecordIds_ReferenceToAListNotRead_FailsNamingIt()
    {
        var json = Encoding.UTF8.GetString(Serializer().ToBinary(WithRecordIds(["0a", "0b"])))
            .Replace("\"0a,0b\"", "\"~#3\"", StringComparison.Ordinal);

        var error = Assert.ThrowsAny<Exception>(() => Serializer().FromBinary(
            Encoding.UTF8.GetBytes(json), Serializer().Manifest(Changed())));

        Assert.Contains("earlier list '3' of 0 read so far", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RecordIds_OutsideADocument_AreWrittenInFull()
    {
        var packed = PackedRecordIds.Adopt([new UInt128(1, 1)])!;
        var options = new System.Text.Json.JsonSerializerOptions { Converters = { new RecordIdsJsonConverter() } };

        var json = System.Text.Json.JsonSerializer.Serialize<IReadOnlyList<string>[]>([packed, packed], options);

        Assert.DoesNotContain("~#", json, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordIds_UpperCaseHex_AreJoinedNotPackedSoTheirCaseIsKept()
    {
        string[] ids = ["0123456789ABCDEF0123456789ABCDEF", "0123456789abcdef0123456789abcdef"];
        var changed = WithRecordIds(ids);

        var json = Encoding.UTF8.GetString(Serializer().ToBinary(changed));
        var back = Assert.IsType<GroupChanged>(RoundTrip(changed));

        Assert.Contains(string.Join(',', ids), json, StringComparison.Ordinal);
        Assert.Equal(ids, back.Changes[0].Changed.AddedFlags[0].Evidence.RecordIds);
    }

    [Theory]
    [InlineData("~not-packed", "b")]
    [InlineData("", "b")]
    [InlineData("a", "")]
    public void RecordIds_TheJoinedTextCouldNotGiveBack_AreKept(string first, string second)
    {
        var back = Assert.IsType<GroupChanged>(RoundTrip(WithRecordIds([first, second])));

        Assert.Equal([first, second], back.Changes[0].Changed.AddedFlags[0].Evidence.RecordIds);
    }

    [Fact]
    public void RecordIds_PackedButCut_FailNamingTheForm()
    {
        var json = Encoding.UTF8.GetString(Serializer().ToBinary(
            WithRecordIds(["0123456789abcdef0123456789abcdef"])));
        var start = json.IndexOf("\"~", StringComparison.Ordinal) + 2;
        var cut = json[..start] + "AAAA" + json[json.IndexOf('"', start)..];

        var error = Assert.ThrowsAny<Exception>(() => Serializer().FromBinary(
            Encoding.UTF8.GetBytes(cut), Serializer().Manifest(Changed())));

        Assert.Contains("16-byte ids", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RecordIds_WithACommaInOne_AreWrittenAsAnArrayAndKept()
    {
        var flag = Given.Companion(1);
        var odd = flag with { Evidence = flag.Evidence with { RecordIds = ["a,b", "c"] } };
        var changed = new GroupChanged([new PersonChange(Given.PersonKey,
            new PersonChanged([odd], [], [], [], null))]);

        var back = Assert.IsType<GroupChanged>(RoundTrip(changed));

        Assert.Equal(["a,b", "c"], back.Changes[0].Changed.AddedFlags[0].Evidence.RecordIds);
    }

    [Fact]
    public void RecordIds_None_RoundTripEmpty()
    {
        var flag = Given.Companion(1);
        var bare = flag with { Evidence = flag.Evidence with { RecordIds = [] } };
        var changed = new GroupChanged([new PersonChange(Given.PersonKey,
            new PersonChanged([bare], [], [], [], null))]);

        var back = Assert.IsType<GroupChanged>(RoundTrip(changed));

        Assert.Empty(back.Changes[0].Changed.AddedFlags[0].Evidence.RecordIds);
    }

    [Fact]
    public void WriteAhead_GroupChanged_IsWhatTheJournalGetsAndReadsBack()
    {
        var changed = Changed();

        PersonSerializer.WriteAhead(changed);
        var bytes = Serializer().ToBinary(changed);

        Assert.Same(bytes, Serializer().ToBinary(changed));
        Assert.Equivalent(changed, Serializer().FromBinary(bytes, Serializer().Manifest(changed)), strict: true);
    }

    [Fact]
    public void CodeAck_WithPackedEvidence_RoundTripsThroughAkkasDefaultSerializer()
    {
        // A code asked for on another node crosses with Akka's default serializer, evidence and all.
        var packed = PackedRecordIds.Adopt([new UInt128(1, 2), new UInt128(3, 4)])!;
        var start = Given.T0;
        var evidence = new Rules.Evidence(Rules.Rule.Companion, Given.CaseKey, "cell 1:2",
            new Interval(start, start.AddHours(1)), packed, RuleSettings.Default.Version);
        var code = new HealthCode.Risk.Codes.CodeState(CodeColour.Yellow, start.AddDays(7), false, [evidence]);
        var ack = new CodeAck(Given.PersonKey, code, 2);
        var serializer = _system.Serialization.FindSerializerFor(ack);

        var back = Assert.IsType<CodeAck>(serializer.FromBinary(serializer.ToBinary(ack), typeof(CodeAck)));

        Assert.Equal(ack.Code.Evidence, back.Code.Evidence);
        Assert.Equal([.. packed], back.Code.Evidence[0].RecordIds);
    }

    [Fact]
    public void FromBinary_UnknownManifest_FailsNamingIt()
    {
        var error = Assert.Throws<SerializationException>(() => Serializer().FromBinary([], "person-moved"));

        Assert.Contains("person-moved", error.Message, StringComparison.Ordinal);
    }

    private static GroupChanged WithRecordIds(IReadOnlyList<string> ids)
    {
        var flag = Given.Companion(1);
        var with = flag with { Evidence = flag.Evidence with { RecordIds = ids } };
        return new GroupChanged([new PersonChange(Given.PersonKey, new PersonChanged([with], [], [], [], null))]);
    }

    private PersonSerializer Serializer() => (PersonSerializer)_system.Serialization.FindSerializerFor(Changed());

    private object RoundTrip(object value)
    {
        var serializer = (PersonSerializer)_system.Serialization.FindSerializerFor(value);
        return serializer.FromBinary(serializer.ToBinary(value), serializer.Manifest(value));
    }

    /// <summary>A change with one of each: a flag with evidence, a report, a declaration, a colour change.</summary>
    private static GroupChanged Changed()
    {
        var flag = Given.Companion(1);
        var change = new CodeChanged(1, CodeColour.Green, CodeColour.Yellow, 1_000, 2_000, AwaitingDeclaration: false,
            [flag.Evidence], 3_000);
        var facts = new PersonChanged([flag], ["old-flag"],
            [new StoredReport("r1", CaseStatus.Suspected, 500)],
            [new StoredDeclaration("d1", 600, 37.9, ["cough", "fever"])],
            change);
        return new GroupChanged([new PersonChange(Given.PersonKey, facts)]);
    }
}
