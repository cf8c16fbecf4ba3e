using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using HealthCode.Risk.Cluster.Codes;
using HealthCode.Risk.Cluster.Journal;
using HealthCode.Risk.Cluster.Persistence;
using HealthCode.Risk.Cluster.Persons;
using Xunit.Abstractions;

namespace HealthCode.Risk.Cluster.Tests.Persons;

public sealed class PersonGroupTests : TestKit
{
    private static readonly string PersistenceId = PersonGroup.PersistenceIdOf("0");

    // Two days after the first flag: inside its seven-day quarantine.
    private static readonly EngineClock Clock = EngineClock.Fixed(Given.T0.AddDays(2));

    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(300);

    private readonly string _path;
    private readonly TestProbe _publisher;

    public PersonGroupTests(ITestOutputHelper output)
        : this(TempDatabase.Create(), output)
    {
    }

    private PersonGroupTests(string path, ITestOutputHelper output)
        : base(ConfigFor(path), output: output)
    {
        _path = path;
        _publisher = CreateTestProbe();
    }

    [Fact]
    public void Update_NewFlag_PublishesYellowAndAcksOnlyAfterDelivery()
    {
        var person = Spawn();

        person.Tell(Of(Given.Flags(Given.Companion(1))));
        var published = _publisher.ExpectMsg<PublishCodeChange>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Deliver(published);

        Assert.Equal(1, ExpectMsg<UpdatePersonsAck>().CodeChanges);
        Assert.Equal(CodeColour.Green, published.Change.OldColour);
        Assert.Equal(CodeColour.Yellow, published.Change.NewColour);
        Assert.Equal(Given.T0.AddHours(1).AddMinutes(20).AddDays(7).ToUnixTimeMilliseconds(),
            published.Change.ValidUntilMs);
    }

    [Fact]
    public void Update_SameUpdateTwice_PublishesOneChange()
    {
        var person = Spawn();
        person.Tell(Of(Given.Flags(Given.Companion(1))));
        Deliver(_publisher.ExpectMsg<PublishCodeChange>());
        ExpectMsg<UpdatePersonsAck>();

        person.Tell(Of(Given.Flags(Given.Companion(1))));

        Assert.Equal(0, ExpectMsg<UpdatePersonsAck>().CodeChanges);
        _publisher.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        // The update and, journaled alone since no later event took it along, the delivery.
        AwaitAssert(() => Assert.Equal(2, TempDatabase.Events(_path, PersistenceId)), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Update_AfterEarlierDeliveries_JournalsThemInItsOwnEvent()
    {
        var person = Spawn(deliveriesWithin: TimeSpan.FromHours(1));
        person.Tell(Of(Given.Flags(Given.Companion(1))));
        Deliver(_publisher.ExpectMsg<PublishCodeChange>());
        ExpectMsg<UpdatePersonsAck>();
        person.Tell(Of(Other(Given.CompanionOf(Given.OtherKey, 5))));
        Deliver(_publisher.ExpectMsg<PublishCodeChange>());
        ExpectMsg<UpdatePersonsAck>();
        Stop(person);

        Spawn(deliveriesWithin: TimeSpan.FromHours(1));

        // The first change's delivery went with the second update, so only the second change is republished.
        var republished = _publisher.ExpectMsg<PublishCodeChange>();
        _publisher.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(Given.OtherKey, republished.PersonKey);
        Assert.Equal(2, TempDatabase.Events(_path, PersistenceId));
    }

    [Fact]
    public void Delivery_NoLaterEvent_IsJournaledAloneWithinTheWait()
    {
        var person = Spawn(deliveriesWithin: TimeSpan.FromMilliseconds(100));
        person.Tell(Of(Given.Flags(Given.Companion(1))));
        Deliver(_publisher.ExpectMsg<PublishCodeChange>());
        ExpectMsg<UpdatePersonsAck>();
        AwaitAssert(() => Assert.Equal(2, TempDatabase.Events(_path, PersistenceId)), TimeSpan.FromSeconds(10));
        Stop(person);

        Spawn();

        _publisher.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void Update_LaterEndUnderSameColour_PublishesNothingButTheCodeMovesOn()
    {
        var person = Spawn();
        person.Tell(Of(Given.Flags(Given.Companion(1))));
        Deliver(_publisher.ExpectMsg<PublishCodeChange>());
        ExpectMsg<UpdatePersonsAck>();

        person.Tell(Of(Given.Flags(Given.Companion(1), Given.Companion(5))));
        ExpectMsg<UpdatePersonsAck>();
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
        person.Tell(Of(Given.Flags(Given.Companion(1))));
        Deliver(_publisher.ExpectMsg<PublishCodeChange>());
        ExpectMsg<UpdatePersonsAck>();

        person.Tell(Of(Given.Confirmed("r1", Given.T0.AddDays(1))));
        var red = _publisher.ExpectMsg<PublishCodeChange>();
        Deliver(red);
        ExpectMsg<UpdatePersonsAck>();
        person.Tell(Of(Given.Flags()));
        var withdrawn = ExpectMsg<UpdatePersonsAck>();
        person.Tell(new GetCode(Given.PersonKey));
        var code = ExpectMsg<CodeAck>();

        Assert.Equal(CodeColour.Red, red.Change.NewColour);
        Assert.Null(red.Change.ValidUntilMs);
        Assert.Equal(0, withdrawn.CodeChanges);
        Assert.Equal(CodeColour.Red, code.Code.Colour);
        Assert.Equal(2, code.Sequence);
        _publisher.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Recovery_ChangeNeverDelivered_IsPublishedAgainWithItsSequence()
    {
        var person = Spawn();
        person.Tell(Of(Given.Flags(Given.Companion(1))));
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
        person.Tell(Of(Given.Flags(Given.Companion(1))));
        Deliver(_publisher.ExpectMsg<PublishCodeChange>());
        ExpectMsg<UpdatePersonsAck>();
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
        person.Tell(Of(Given.Declared("d1", Given.T0)));
        ExpectMsg<UpdatePersonsAck>();
        person.Tell(Of(Given.Flags(Given.Companion(1))));
        Deliver(_publisher.ExpectMsg<PublishCodeChange>());
        ExpectMsg<UpdatePersonsAck>();
        // Still yellow, so nothing is published: the journal's fourth event is the tail after the snapshot.
        person.Tell(Of(Given.Flags(Given.Companion(1), Given.Companion(2))));
        ExpectMsg<UpdatePersonsAck>();
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
    public void Snapshot_GroupsWithTheSameEvents_SaveAtDifferentCounts()
    {
        var zero = Spawn(snapshotEvery: 3);
        var one = Sys.ActorOf(PersonGroup.Props("1", new PersonSettings(RuleSettings.Default, Clock, _publisher.Ref,
            snapshotEvery: 3)));

        foreach (var group in new[] { zero, one })
        {
            group.Tell(Of(Given.Declared("d1", Given.T0)));
            ExpectMsg<UpdatePersonsAck>();
            group.Tell(Of(Given.Declared("d2", Given.T0.AddHours(1))));
            ExpectMsg<UpdatePersonsAck>();
        }

        AwaitAssert(() => Assert.Equal(1, TempDatabase.Snapshots(_path, PersonGroup.PersistenceIdOf("1"))));
        Assert.Equal(0, TempDatabase.Snapshots(_path, PersistenceId));
    }

    [Fact]
    public void Idle_NothingScheduled_AsksItsShardToStopIt()
    {
        var person = ChildActorOf(PersonGroup.Props("0",
            new PersonSettings(RuleSettings.Default, Clock, _publisher.Ref)
            {
                IdleAfter = Idle,
                DeliveriesJournaledWithin = TimeSpan.FromMilliseconds(100),
            }));

        person.Tell(Of(Given.Declared("d1", Given.T0)));
        ExpectMsg<UpdatePersonsAck>();

        ExpectMsg<Passivate>(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Idle_QuarantineRunningOnAMovingClock_StaysForItsTimer()
    {
        var clock = EngineClock.Live(new AdjustableTime(Given.T0.AddDays(2)));
        var person = ChildActorOf(PersonGroup.Props("0",
            new PersonSettings(RuleSettings.Default, clock, _publisher.Ref)
            {
                IdleAfter = Idle,
                DeliveriesJournaledWithin = TimeSpan.FromMilliseconds(100),
            }));

        person.Tell(Of(Given.Flags(Given.Companion(1))));
        Deliver(_publisher.ExpectMsg<PublishCodeChange>());
        ExpectMsg<UpdatePersonsAck>();

        ExpectNoMsg(Idle * 4);
    }

    [Fact]
    public void Update_DuplicateDeclaration_JournaledOnce()
    {
        var person = Spawn();

        person.Tell(Of(Given.Declared("d1", Given.T0)));
        person.Tell(Of(Given.Declared("d1", Given.T0)));
        ExpectMsg<UpdatePersonsAck>();
        ExpectMsg<UpdatePersonsAck>();

        Assert.Equal(1, TempDatabase.Events(_path, PersistenceId));
        _publisher.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Update_TwoPersonsInOneMessage_JournalsOneEventAndAcksAfterBothDeliveries()
    {
        var group = Spawn();

        group.Tell(Of(Given.Flags(Given.Companion(1)), Other(Given.CompanionOf(Given.OtherKey, 2))));
        var first = _publisher.ExpectMsg<PublishCodeChange>();
        var second = _publisher.ExpectMsg<PublishCodeChange>();
        Deliver(first);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Deliver(second);

        Assert.Equal(2, ExpectMsg<UpdatePersonsAck>().CodeChanges);
        Assert.Equal([Given.PersonKey, Given.OtherKey], new[] { first.PersonKey, second.PersonKey }.Order());
        Assert.All(new[] { first, second }, p => Assert.Equal(1, p.Change.Sequence));
        // The update, then the confirmation of both deliveries.
        AwaitAssert(() => Assert.Equal(2, TempDatabase.Events(_path, PersistenceId)));
    }

    [Fact]
    public void Update_SamePersonTwiceInOneMessage_CountsAsOneUpdate()
    {
        var group = Spawn();

        group.Tell(Of(
            Given.Declared("d1", Given.T0), Given.Flags(Given.Companion(1)), Given.Declared("d1", Given.T0)));
        Deliver(_publisher.ExpectMsg<PublishCodeChange>());
        ExpectMsg<UpdatePersonsAck>();
        group.Tell(new GetState(Given.PersonKey));
        var state = ExpectMsg<StateAck>().State;

        Assert.Single(state.Flags);
        Assert.Equal("d1", Assert.Single(state.Declarations).RecordId);
        _publisher.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Recovery_TwoPersonsNeverDelivered_PublishesBothAgainWithTheirSequences()
    {
        var group = Spawn();
        group.Tell(Of(Given.Flags(Given.Companion(1)), Other(Given.CompanionOf(Given.OtherKey, 2))));
        _publisher.ExpectMsg<PublishCodeChange>();
        _publisher.ExpectMsg<PublishCodeChange>();
        Stop(group);

        Spawn();
        var again = new[] { _publisher.ExpectMsg<PublishCodeChange>(), _publisher.ExpectMsg<PublishCodeChange>() };

        Assert.Equal([Given.PersonKey, Given.OtherKey], again.Select(p => p.PersonKey).Order());
        Assert.All(again, p => Assert.Equal(1, p.Change.Sequence));
    }

    [Fact]
    public void Recovery_OtherPersonsOfTheGroup_AnswerGreen()
    {
        var group = Spawn();
        group.Tell(Of(Given.Flags(Given.Companion(1))));
        Deliver(_publisher.ExpectMsg<PublishCodeChange>());
        ExpectMsg<UpdatePersonsAck>();
        Stop(group);

        var recovered = Spawn();
        recovered.Tell(new GetCode(Given.OtherKey));
        var other = ExpectMsg<CodeAck>();
        recovered.Tell(new GetCode(Given.PersonKey));
        var flagged = ExpectMsg<CodeAck>();

        Assert.Equal(CodeColour.Green, other.Code.Colour);
        Assert.Equal(0, other.Sequence);
        Assert.Equal(CodeColour.Yellow, flagged.Code.Colour);
    }

    [Fact]
    public void Timer_MovingClock_TurnsGreenOnlyThePersonWhoseQuarantineEnded()
    {
        // The first person's quarantine ends a second and a half from now, with a normal declaration in its last
        // day; the other's ends four hours later.
        var end = Given.T0.AddHours(1).AddMinutes(20).AddDays(7);
        var clock = EngineClock.Live(new ShiftedTime(end.AddSeconds(-1.5)));
        var settings = new PersonSettings(RuleSettings.Default, clock, _publisher.Ref);
        var group = Sys.ActorOf(PersonGroup.Props("0", settings));
        var declared = Given.Declared("d1", end.AddHours(-12)).Declarations;

        group.Tell(Of(
            Given.Flags(Given.Companion(1)) with { Declarations = declared },
            Other(Given.CompanionOf(Given.OtherKey, 5))));
        Deliver(_publisher.ExpectMsg<PublishCodeChange>());
        Deliver(_publisher.ExpectMsg<PublishCodeChange>());
        ExpectMsg<UpdatePersonsAck>();
        var green = _publisher.ExpectMsg<PublishCodeChange>(TimeSpan.FromSeconds(20));

        Assert.Equal(Given.PersonKey, green.PersonKey);
        Assert.Equal(CodeColour.Yellow, green.Change.OldColour);
        Assert.Equal(CodeColour.Green, green.Change.NewColour);
        Assert.Equal(2, green.Change.Sequence);
        _publisher.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Retention_GreenPersonWithOnlyOldFacts_ForgetsThemButNotItsSequence()
    {
        var end = Given.T0.AddHours(1).AddMinutes(20).AddDays(7);
        var time = new AdjustableTime(Given.T0.AddDays(2));
        var settings = new PersonSettings(RuleSettings.Default, EngineClock.Live(time), _publisher.Ref)
        {
            Retention = TimeSpan.FromDays(30),
            RetentionSweepEvery = TimeSpan.FromMilliseconds(100),
            DeliveriesJournaledWithin = TimeSpan.FromMilliseconds(100),
        };
        var group = Sys.ActorOf(PersonGroup.Props("0", settings));
        var declared = Given.Declared("d1", end.AddHours(-12)).Declarations;
        group.Tell(Of(Given.Flags(Given.Companion(1)) with { Declarations = declared }));
        Deliver(_publisher.ExpectMsg<PublishCodeChange>());
        ExpectMsg<UpdatePersonsAck>();

        // Forty days on, the quarantine is over (a normal declaration in its last day): green, nothing scheduled.
        time.Now = Given.T0.AddDays(40);
        group.Tell(Of(Given.Declared("d1", end.AddHours(-12))));
        var green = _publisher.ExpectMsg<PublishCodeChange>();
        Deliver(green);
        ExpectMsg<UpdatePersonsAck>();
        group.Tell(Of(Other(Given.CompanionOf(Given.OtherKey, 24 * 39))));
        Deliver(_publisher.ExpectMsg<PublishCodeChange>());
        ExpectMsg<UpdatePersonsAck>();
        AwaitAssert(() => Assert.Equal(1, TempDatabase.Snapshots(_path, PersistenceId)), TimeSpan.FromSeconds(10));
        Stop(group);

        var recovered = Sys.ActorOf(PersonGroup.Props("0", settings));
        recovered.Tell(new GetState(Given.PersonKey));
        var forgotten = ExpectMsg<StateAck>().State;
        recovered.Tell(new GetState(Given.OtherKey));
        var kept = ExpectMsg<StateAck>().State;
        recovered.Tell(Of(Given.Flags(Given.Companion(24 * 39))));
        var next = _publisher.ExpectMsg<PublishCodeChange>();

        Assert.Equal(CodeColour.Green, green.Change.NewColour);
        Assert.Empty(forgotten.Flags);
        Assert.Empty(forgotten.Declarations);
        Assert.Empty(forgotten.LastChange!.Evidence);
        Assert.Equal(2, forgotten.LastSequence);
        Assert.Single(kept.Flags);
        Assert.Equal(3, next.Change.Sequence);
        Assert.Equal(CodeColour.Yellow, next.Change.NewColour);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        TempDatabase.Delete(_path);
    }

    private IActorRef Spawn(int snapshotEvery = 100, TimeSpan? deliveriesWithin = null) =>
        Sys.ActorOf(PersonGroup.Props("0", new PersonSettings(RuleSettings.Default, Clock, _publisher.Ref,
            snapshotEvery)
        {
            DeliveriesJournaledWithin = deliveriesWithin ?? TimeSpan.FromMilliseconds(200),
        }));

    private static UpdatePersons Of(params UpdatePerson[] updates) => new(0, updates);

    private static UpdatePerson Other(params StoredFlag[] flags) => new(Given.OtherKey, flags, [], []);

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

    /// <summary>A wall clock running from a chosen instant, so a live engine clock's timers come due.</summary>
    private sealed class ShiftedTime(DateTimeOffset start) : TimeProvider
    {
        private readonly TimeSpan _offset = start - DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + _offset;
    }

    /// <summary>A wall clock that stands still unless the test moves it, so a live clock has a known now.</summary>
    private sealed class AdjustableTime(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
