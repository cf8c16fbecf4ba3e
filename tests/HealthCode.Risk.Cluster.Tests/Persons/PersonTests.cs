using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using HealthCode.Risk.Cluster.Codes;
using HealthCode.Risk.Cluster.Persistence;
using HealthCode.Risk.Cluster.Persons;
using Xunit.Abstractions;

namespace HealthCode.Risk.Cluster.Tests.Persons;

public sealed class PersonTests : TestKit
{
    private static readonly string PersistenceId = Person.PersistenceIdOf(Given.PersonKey);

    // Two days after the first flag: inside its seven-day quarantine.
    private static readonly EngineClock Clock = EngineClock.Fixed(Given.T0.AddDays(2));

    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(300);

    private readonly string _path;
    private readonly TestProbe _publisher;

    public PersonTests(ITestOutputHelper output)
        : this(TempDatabase.Create(), output)
    {
    }

    private PersonTests(string path, ITestOutputHelper output)
        : base(ConfigFor(path), output: output)
    {
        _path = path;
        _publisher = CreateTestProbe();
    }

    [Fact]
    public void Update_NewFlag_PublishesYellowAndAcksOnlyAfterDelivery()
    {
        var person = Spawn();

        person.Tell(Given.Flags(Given.Companion(1)));
        var published = _publisher.ExpectMsg<PublishCodeChange>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Deliver(published);

        Assert.Equal(1, ExpectMsg<UpdatePersonAck>().Sequence);
        Assert.Equal(CodeColour.Green, published.Change.OldColour);
        Assert.Equal(CodeColour.Yellow, published.Change.NewColour);
        Assert.Equal(Given.T0.AddHours(1).AddMinutes(20).AddDays(7).ToUnixTimeMilliseconds(),
            published.Change.ValidUntilMs);
    }

    [Fact]
    public void Update_SameUpdateTwice_PublishesOneChange()
    {
        var person = Spawn();
        person.Tell(Given.Flags(Given.Companion(1)));
        Deliver(_publisher.ExpectMsg<PublishCodeChange>());
        ExpectMsg<UpdatePersonAck>();

        person.Tell(Given.Flags(Given.Companion(1)));

        Assert.Equal(1, ExpectMsg<UpdatePersonAck>().Sequence);
        _publisher.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(2, TempDatabase.Events(_path, PersistenceId));
    }

    [Fact]
    public void Update_LaterEndUnderSameColour_PublishesNothingButTheCodeMovesOn()
    {
        var person = Spawn();
        person.Tell(Given.Flags(Given.Companion(1)));
        Deliver(_publisher.ExpectMsg<PublishCodeChange>());
        ExpectMsg<UpdatePersonAck>();

        person.Tell(Given.Flags(Given.Companion(1), Given.Companion(5)));
        ExpectMsg<UpdatePersonAck>();
        person.Tell(new GetCode(Given.PersonKey));
        var answer = ExpectMsg<CodeAck>();

        _publisher.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(1, answer.Sequence);
        Assert.Equal(CodeColour.Yellow, answer.Code.Colour);
        Assert.Equal(Given.T0.AddHours(5).AddMinutes(20).AddDays(7), answer.Code.ValidUntil);
        Assert.Equal(2, answer.Code.Evidence.Count);
    }

    [Fact]
    public void Update_ConfirmedReport_TurnsRedAndAWithdrawnYellowFlagChangesNothing()
    {
        var person = Spawn();
        person.Tell(Given.Flags(Given.Companion(1)));
        Deliver(_publisher.ExpectMsg<PublishCodeChange>());
        ExpectMsg<UpdatePersonAck>();

        person.Tell(Given.Confirmed("r1", Given.T0.AddDays(1)));
        var red = _publisher.ExpectMsg<PublishCodeChange>();
        Deliver(red);
        ExpectMsg<UpdatePersonAck>();
        person.Tell(Given.Flags());

        Assert.Equal(CodeColour.Red, red.Change.NewColour);
        Assert.Null(red.Change.ValidUntilMs);
        Assert.Equal(2, ExpectMsg<UpdatePersonAck>().Sequence);
        _publisher.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Recovery_ChangeNeverDelivered_IsPublishedAgainWithItsSequence()
    {
        var person = Spawn();
        person.Tell(Given.Flags(Given.Companion(1)));
        var lost = _publisher.ExpectMsg<PublishCodeChange>();
        Stop(person);

        Spawn();
        var again = _publisher.ExpectMsg<PublishCodeChange>();

        Assert.Equal(lost.Change.Sequence, again.Change.Sequence);
        Assert.Equal(lost.Change.NewColour, again.Change.NewColour);
    }

    [Fact]
    public void Recovery_ChangeDelivered_IsNotPublishedAgain()
    {
        var person = Spawn();
        person.Tell(Given.Flags(Given.Companion(1)));
        Deliver(_publisher.ExpectMsg<PublishCodeChange>());
        ExpectMsg<UpdatePersonAck>();
        // The ack comes once the change is on the topic; its confirmation is journaled just after.
        AwaitAssert(() => Assert.Equal(2, TempDatabase.Events(_path, PersistenceId)));
        Stop(person);

        var recovered = Spawn();
        recovered.Tell(new GetCode(Given.PersonKey));

        Assert.Equal(CodeColour.Yellow, ExpectMsg<CodeAck>().Code.Colour);
        _publisher.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Recovery_FromSnapshotPlusTail_KeepsFlagsReportsAndDeclarations()
    {
        var person = Spawn(snapshotEvery: 3);
        person.Tell(Given.Declared("d1", Given.T0));
        ExpectMsg<UpdatePersonAck>();
        person.Tell(Given.Flags(Given.Companion(1)));
        Deliver(_publisher.ExpectMsg<PublishCodeChange>());
        ExpectMsg<UpdatePersonAck>();
        // Still yellow, so nothing is published: the journal's fourth event is the tail after the snapshot.
        person.Tell(Given.Flags(Given.Companion(1), Given.Companion(2)));
        ExpectMsg<UpdatePersonAck>();
        AwaitAssert(() => Assert.Equal(1, TempDatabase.Snapshots(_path, PersistenceId)));
        Stop(person);

        var recovered = Spawn(snapshotEvery: 3);
        recovered.Tell(new GetState(Given.PersonKey));
        var state = ExpectMsg<StateAck>().State;

        Assert.Equal(2, state.Flags.Length);
        Assert.Equal("d1", Assert.Single(state.Declarations).RecordId);
        Assert.Equal(1, state.LastSequence);
        Assert.Empty(state.Unpublished);
    }

    [Fact]
    public void Idle_NothingScheduled_AsksItsShardToStopIt()
    {
        var person = ChildActorOf(Person.Props(Given.PersonKey,
            new PersonSettings(RuleSettings.Default, Clock, _publisher.Ref) { IdleAfter = Idle }));

        person.Tell(Given.Declared("d1", Given.T0));
        ExpectMsg<UpdatePersonAck>();

        ExpectMsg<Passivate>(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Idle_QuarantineRunningOnAMovingClock_StaysForItsTimer()
    {
        var clock = EngineClock.Live(new StoppedTime(Given.T0.AddDays(2)));
        var person = ChildActorOf(Person.Props(Given.PersonKey,
            new PersonSettings(RuleSettings.Default, clock, _publisher.Ref) { IdleAfter = Idle }));

        person.Tell(Given.Flags(Given.Companion(1)));
        Deliver(_publisher.ExpectMsg<PublishCodeChange>());
        ExpectMsg<UpdatePersonAck>();

        ExpectNoMsg(Idle * 4);
    }

    [Fact]
    public void Update_DuplicateDeclaration_JournaledOnce()
    {
        var person = Spawn();

        person.Tell(Given.Declared("d1", Given.T0));
        person.Tell(Given.Declared("d1", Given.T0));
        ExpectMsg<UpdatePersonAck>();
        ExpectMsg<UpdatePersonAck>();

        Assert.Equal(1, TempDatabase.Events(_path, PersistenceId));
        _publisher.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        TempDatabase.Delete(_path);
    }

    private IActorRef Spawn(int snapshotEvery = 100) => Sys.ActorOf(Person.Props(Given.PersonKey,
        new PersonSettings(RuleSettings.Default, Clock, _publisher.Ref, snapshotEvery)));

    private void Deliver(PublishCodeChange published) =>
        _publisher.Reply(new CodeChangeDelivered(published.PersonKey, published.Change.Sequence));

    private void Stop(IActorRef person)
    {
        Watch(person);
        person.Tell(PoisonPill.Instance);
        ExpectTerminated(person);
    }

    /// <summary>The persistence config with patient expectations.</summary>
    /// <remarks>
    /// The first write creates the SQLite tables; on a busy 2-core machine that outlasts the 3 s default.
    /// </remarks>
    private static Config ConfigFor(string path) =>
        ConfigurationFactory.ParseString("akka.test.single-expect-default = 20s")
            .WithFallback(SqlitePersistence.Config(path));

    /// <summary>A wall clock that stands still, so a live engine clock has a known now.</summary>
    private sealed class StoppedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
