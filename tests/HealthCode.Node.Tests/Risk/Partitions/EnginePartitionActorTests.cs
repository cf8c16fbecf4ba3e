using Akka.Actor;
using HealthCode.Node.Risk;
using HealthCode.Node.Risk.Partitions;
using HealthCode.Risk;
using HealthCode.Risk.Engine.Partitions;
using HealthCode.Risk.Inputs;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthCode.Node.Tests.Risk.Partitions;

public sealed class EnginePartitionActorTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly ActorSystem _system = ActorSystem.Create("partition-test");
    private IActorRef _partition = ActorRefs.Nobody;

    public Task InitializeAsync()
    {
        // No step is taken here, so the applier never reaches persons or Kafka.
        var applier = new PersonUpdateApplier(ActorRefs.Nobody, null!, groups: 1);
        _partition = _system.ActorOf(
            EnginePartitionActor.Props(RuleSettings.Default, applier, NullLogger.Instance));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _system.Terminate();

    [Fact]
    public async Task AddRecords_BeforeAnyReset_AnswersThatThePartitionLostItsState()
    {
        var reply = await _partition.Ask<object>(new AddRecords(0, "run-1", Pings(3)), Timeout);

        var lost = Assert.IsType<PartitionLost>(reply);
        Assert.Contains("restarted", lost.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRecords_OfAnotherRun_AnswersLostAndKeepsTheRunsRecords()
    {
        await _partition.Ask<PartitionReady>(new ResetPartition(0, 1, "run-2"), Timeout);
        await _partition.Ask<RecordsAdded>(new AddRecords(0, "run-2", Pings(3)), Timeout);

        var reply = await _partition.Ask<object>(new AddRecords(0, "run-1", Pings(5)), Timeout);
        var figures = await _partition.Ask<PartitionFigures>(new ReadPartition(0, WithPairs: false), Timeout);

        Assert.IsType<PartitionLost>(reply);
        Assert.Equal(3, figures.Pings);
    }

    [Fact]
    public async Task ResetPartition_AfterRecords_StartsEmpty()
    {
        await _partition.Ask<PartitionReady>(new ResetPartition(0, 1, "run-1"), Timeout);
        await _partition.Ask<RecordsAdded>(new AddRecords(0, "run-1", Pings(4)), Timeout);

        await _partition.Ask<PartitionReady>(new ResetPartition(0, 1, "run-2"), Timeout);
        var figures = await _partition.Ask<PartitionFigures>(new ReadPartition(0, WithPairs: false), Timeout);

        Assert.Equal(0, figures.Pings);
    }

    private static PartitionRecords Pings(int count)
    {
        var records = new PartitionRecords();
        records.Registrations.Add(new SubscriberRegistration("reg", "sim", "person", DateTimeOffset.UnixEpoch));
        for (var i = 0; i < count; i++)
        {
            records.Pings.Add(new RoutedPing("sim", (UInt128)(i + 1), 1_000L * i, 42));
        }

        return records;
    }
}
