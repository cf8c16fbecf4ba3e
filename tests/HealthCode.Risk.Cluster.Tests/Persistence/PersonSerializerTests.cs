using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using HealthCode.Risk.Cluster.Journal;
using HealthCode.Risk.Cluster.Persistence;
using HealthCode.Risk.Cluster.Persons;
using HealthCode.Risk.Cluster.Tests.Persons;
using HealthCode.Risk.Inputs;

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
            new object[] { Changed(), new GroupPublished([]), new GroupSnapshot([]), new UpdatePersons(1, []) },
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
        var serializer = (PersonSerializer)_system.Serialization.FindSerializerFor(Changed());

        var json = Encoding.UTF8.GetString(serializer.ToBinary(Changed()));

        Assert.Contains("\"Yellow\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBinary_UnknownManifest_FailsNamingIt()
    {
        var serializer = (PersonSerializer)_system.Serialization.FindSerializerFor(Changed());

        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary([], "person-moved"));

        Assert.Contains("person-moved", error.Message, StringComparison.Ordinal);
    }

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
