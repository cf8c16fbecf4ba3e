using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using HealthCode.Risk.Cluster.Codes;
using HealthCode.Risk.Cluster.Persistence;
using HealthCode.Risk.Cluster.Persons;
using Xunit.Abstractions;

namespace HealthCode.Risk.Cluster.Tests.Persons;

/// <summary>A person group on the production journal, PostgreSQL.</summary>
public sealed class PersonOnPostgresTests : TestKit
{
    public PersonOnPostgresTests(ITestOutputHelper output)
        : base(ConfigFor(), output: output)
    {
    }

    [PostgresFact]
    public void PersonGroup_OnPostgres_JournalsItsChangeAndRecoversIt()
    {
        var publisher = CreateTestProbe();
        var settings = new PersonSettings(RuleSettings.Default, EngineClock.Fixed(Given.T0.AddDays(2)), publisher.Ref)
        {
            DeliveriesJournaledWithin = TimeSpan.FromMilliseconds(100),
        };
        // A group of its own, so a database that outlives the run does not feed it earlier runs' events.
        var groupId = Random.Shared.Next(1_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var group = Sys.ActorOf(PersonGroup.Props(groupId, settings));

        var update = new UpdatePersons(
            int.Parse(groupId, CultureInfo.InvariantCulture), [Given.Flags(Given.Companion(1))]);
        group.Tell(update);
        var published = publisher.ExpectMsg<PublishCodeChange>();
        publisher.Reply(new CodeChangeDelivered(Given.PersonKey, published.Change.Sequence));
        ExpectMsg<UpdatePersonsAck>();
        // The delivery is journaled on its own shortly after, since no later event takes it along.
        AwaitAssert(() =>
        {
            group.Tell(new GetState(Given.PersonKey));
            Assert.Empty(ExpectMsg<StateAck>().State.Unpublished);
        });
        Watch(group);
        group.Tell(PoisonPill.Instance);
        ExpectTerminated(group);
        Sys.ActorOf(PersonGroup.Props(groupId, settings)).Tell(new GetState(Given.PersonKey));

        var state = ExpectMsg<StateAck>();
        Assert.Single(state.State.Flags);
        Assert.Equal(CodeColour.Yellow, state.State.LastChange!.NewColour);
        Assert.Empty(state.State.Unpublished);
        publisher.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    private static Config ConfigFor()
    {
        var config = ConfigurationFactory.ParseString("akka.test.single-expect-default = 30s");

        // A skipped fact still builds its class; any well-formed connection string keeps the constructor quiet.
        var connectionString = PostgresFactAttribute.ConnectionString ?? "Host=127.0.0.1;Database=unused";
        return config.WithFallback(PostgresPersistence.Config(connectionString));
    }
}
