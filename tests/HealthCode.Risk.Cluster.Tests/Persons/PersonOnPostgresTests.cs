using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using HealthCode.Risk.Cluster.Codes;
using HealthCode.Risk.Cluster.Persistence;
using HealthCode.Risk.Cluster.Persons;
using Xunit.Abstractions;

namespace HealthCode.Risk.Cluster.Tests.Persons;

/// <summary>The person entity on the production journal, PostgreSQL.</summary>
public sealed class PersonOnPostgresTests : TestKit
{
    public PersonOnPostgresTests(ITestOutputHelper output)
        : base(ConfigFor(), output: output)
    {
    }

    [PostgresFact]
    public void Person_OnPostgres_JournalsItsChangeAndRecoversIt()
    {
        var publisher = CreateTestProbe();
        var settings = new PersonSettings(RuleSettings.Default, EngineClock.Fixed(Given.T0.AddDays(2)), publisher.Ref);
        var key = "pg" + Guid.NewGuid().ToString("N")[2..];
        var person = Sys.ActorOf(Person.Props(key, settings));

        person.Tell(Given.Flags(Given.Companion(1)) with { PersonKey = key });
        var published = publisher.ExpectMsg<PublishCodeChange>();
        publisher.Reply(new CodeChangeDelivered(key, published.Change.Sequence));
        ExpectMsg<UpdatePersonAck>();
        Watch(person);
        person.Tell(PoisonPill.Instance);
        ExpectTerminated(person);
        Sys.ActorOf(Person.Props(key, settings)).Tell(new GetState(key));

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
