using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using HealthCode.Risk.Cluster.Persistence;
using HealthCode.Risk.Cluster.Persons;
using Xunit.Abstractions;

namespace HealthCode.Risk.Cluster.Tests.Persons;

public sealed class PersonTests : TestKit
{
    private static readonly string PersistenceId = Person.PersistenceIdOf(Given.PersonKey);

    private readonly string _path;

    public PersonTests(ITestOutputHelper output)
        : this(TempDatabase.Create(), output)
    {
    }

    private PersonTests(string path, ITestOutputHelper output)
        : base(ConfigFor(path), output: output)
    {
        _path = path;
    }

    [Fact]
    public void Person_RestartedAfterPoisonPill_RecoversExposuresAndDeclarations()
    {
        var person = Spawn(PersonSettings.Default);
        person.Tell(Given.Exposure("f1"));
        ExpectMsg<ExposureAck>(a => !a.Duplicate);
        person.Tell(Given.Declaration("d1", abnormal: true));
        ExpectMsg<DeclarationAck>(a => !a.Duplicate);

        Stop(person);
        var state = StateOf(Spawn(PersonSettings.Default));

        Assert.Equal(2, state.LastSequenceNr);
        Assert.Equal(2, state.ReplayedEvents);
        Assert.Equal(Given.Exposure("f1").QuarantineEnds, Assert.Single(state.State.Exposures).QuarantineEnds);
        Assert.True(Assert.Single(state.State.Declarations).Abnormal);
    }

    [Fact]
    public void Person_DuplicateCommands_AckedWithoutJournalingTwice()
    {
        var person = Spawn(PersonSettings.Default);

        // Sent back to back, so the second arrives while the first is still being journaled.
        person.Tell(Given.Exposure("f1"));
        person.Tell(Given.Exposure("f1"));
        person.Tell(Given.Declaration("d1"));
        person.Tell(Given.Declaration("d1"));

        Assert.False(ExpectMsg<ExposureAck>().Duplicate);
        Assert.True(ExpectMsg<ExposureAck>().Duplicate);
        Assert.False(ExpectMsg<DeclarationAck>().Duplicate);
        Assert.True(ExpectMsg<DeclarationAck>().Duplicate);
        Assert.Equal(2, StateOf(person).LastSequenceNr);
        Assert.Equal(2, TempDatabase.Events(_path, PersistenceId));
    }

    [Fact]
    public void Person_DuplicateAfterRecovery_StillAckedAsDuplicate()
    {
        var settings = new PersonSettings(snapshotEvery: 2);
        var person = Spawn(settings);
        person.Tell(Given.Exposure("f1"));
        person.Tell(Given.Exposure("f2"));
        person.Tell(Given.Exposure("f3"));
        ExpectMsg<ExposureAck>();
        ExpectMsg<ExposureAck>();
        ExpectMsg<ExposureAck>();
        AwaitAssert(() => Assert.Equal(1, TempDatabase.Snapshots(_path, PersistenceId)));
        Stop(person);

        // f1 is known only from the snapshot, f3 only from the replayed event.
        person = Spawn(settings);
        person.Tell(Given.Exposure("f1"));
        person.Tell(Given.Exposure("f3"));

        Assert.True(ExpectMsg<ExposureAck>().Duplicate);
        Assert.True(ExpectMsg<ExposureAck>().Duplicate);
        Assert.Equal(3, TempDatabase.Events(_path, PersistenceId));
    }

    [Fact]
    public void Person_SnapshotEveryFive_RecoversFromSnapshotPlusTail()
    {
        var settings = new PersonSettings(snapshotEvery: 5);
        var person = Spawn(settings);
        for (var i = 0; i < 7; i++)
        {
            person.Tell(Given.Exposure($"f{i}"));
            ExpectMsg<ExposureAck>();
        }

        AwaitAssert(() => Assert.Equal(1, TempDatabase.Snapshots(_path, PersistenceId)));
        Stop(person);
        var state = StateOf(Spawn(settings));

        Assert.Equal(5, state.SnapshotSequenceNr);
        Assert.Equal(2, state.ReplayedEvents);
        Assert.Equal(7, state.LastSequenceNr);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"f{i}"), state.State.Exposures.Select(e => e.FlagId));
    }

    [Fact]
    public void Person_NewActorSystemOnSameFile_RecoversState()
    {
        var person = Spawn(PersonSettings.Default);
        person.Tell(Given.Exposure("f1"));
        ExpectMsg<ExposureAck>();
        Shutdown(Sys);

        using var second = ActorSystem.Create("second", ConfigFor(_path));
        var probe = CreateTestProbe(second);
        var recovered = second.ActorOf(Person.Props(Given.PersonKey, PersonSettings.Default));
        recovered.Tell(new GetState(Given.PersonKey), probe);

        var state = probe.ExpectMsg<StateAck>();
        Assert.Equal("f1", Assert.Single(state.State.Exposures).FlagId);
        Shutdown(second);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        TempDatabase.Delete(_path);
    }

    private IActorRef Spawn(PersonSettings settings) => Sys.ActorOf(Person.Props(Given.PersonKey, settings));

    private void Stop(IActorRef person)
    {
        Watch(person);
        person.Tell(PoisonPill.Instance);
        ExpectTerminated(person);
    }

    private StateAck StateOf(IActorRef person)
    {
        person.Tell(new GetState(Given.PersonKey));
        return ExpectMsg<StateAck>();
    }

    /// <summary>The persistence config with patient expectations.</summary>
    /// <remarks>
    /// The first write creates the SQLite tables; on a busy 2-core machine that outlasts the 3 s default.
    /// </remarks>
    private static Config ConfigFor(string path) =>
        ConfigurationFactory.ParseString("akka.test.single-expect-default = 20s")
            .WithFallback(SqlitePersistence.Config(path));
}
