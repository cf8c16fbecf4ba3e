using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using HealthCode.Risk;
using HealthCode.Risk.Engine;
using HealthCode.Risk.Engine.Partitions;
using Microsoft.Extensions.Logging;

namespace HealthCode.Node.Risk.Partitions;

/// <summary>
/// The sharded entity of one engine partition: holds its <see cref="EnginePartition"/> in memory for one run of
/// the pipeline and applies its home people's updates on the node it lives on.
/// </summary>
/// <remarks>
/// Work that waits on others (sending hand-overs, awaiting person acknowledgements) runs outside the mailbox, so
/// two partitions handing records to each other at once never wait on one another. The pipeline sends the next
/// step only after every partition answered the last, so nothing reaches the engine while that work runs but the
/// records of other partitions' hand-overs, which the engine takes in any order.
/// </remarks>
internal sealed class EnginePartitionActor : ReceiveActor
{
    /// <summary>The sharding type name of engine partitions.</summary>
    public const string TypeName = "engine-partition";

    /// <summary>Records per message between partitions: about a megabyte of pings.</summary>
    public const int ChunkRecords = 16_384;

    private static readonly TimeSpan AskTimeout = TimeSpan.FromMinutes(2);

    private readonly RuleSettings _rules;
    private readonly PersonUpdateApplier _applier;
    private readonly ILogger _logger;
    private EnginePartition? _partition;
    private string? _generation;

    /// <summary>Creates the entity; its updates go through <paramref name="applier"/>.</summary>
    public EnginePartitionActor(RuleSettings rules, PersonUpdateApplier applier, ILogger logger)
    {
        _rules = rules;
        _applier = applier;
        _logger = logger;

        Receive<ResetPartition>(Reset);
        Receive<AddRecords>(m => Owned(m.Generation, m.Partition), Add);
        Receive<HandOver>(m => Owned(m.Generation, m.Partition), HandOverRecords);
        Receive<StepPartition>(m => Owned(m.Generation, m.Partition), Step);
        Receive<ReadPartition>(m => _partition is not null, Read);
        Receive<Applied>(Answer);
        Receive<ApplyFailed>(failed => failed.ReplyTo.Tell(new Status.Failure(failed.Cause)));
        Receive<IPartitionMessage>(m => Sender.Tell(new PartitionLost(m.Partition,
            _generation is null ? "the partition is empty (it restarted)" : $"it belongs to run {_generation}")));
    }

    /// <summary>The props of a partition entity.</summary>
    public static Props Props(RuleSettings rules, PersonUpdateApplier applier, ILogger logger) =>
        Akka.Actor.Props.Create(() => new EnginePartitionActor(rules, applier, logger));

    private bool Owned(string generation, int partition) =>
        _partition is not null && _generation == generation && _partition.Index == partition;

    private void Reset(ResetPartition reset)
    {
        _partition = new EnginePartition(_rules, reset.Partition, reset.Count);
        _generation = reset.Generation;

        // Where each partition lives is what an operator needs after a node came or went.
        _logger.LogInformation("Engine partition {Partition} of {Count} started empty on {Address} for run {Run}",
            reset.Partition, reset.Count, ((ExtendedActorSystem)Context.System).Provider.DefaultAddress,
            reset.Generation);
        Sender.Tell(new PartitionReady(reset.Partition, reset.Generation));
    }

    private void Add(AddRecords add)
    {
        _partition!.Import(add.Records);
        Sender.Tell(new RecordsAdded(add.Partition));
    }

    private void HandOverRecords(HandOver handOver)
    {
        var partition = _partition!;
        var exported = partition.HandOver(handOver.Sims.Keys, handOver.Travellers.Keys, handOver.Forget);
        var imports = RoutedStep.Split(exported, handOver.Sims, handOver.Travellers, partition.Count);
        var region = ClusterSharding.Get(Context.System).ShardRegion(TypeName);

        var sends = new List<Task<object>>();
        foreach (var (records, to) in imports.Select((r, k) => (r, k)).Where(x => x.r.Count > 0))
        {
            sends.AddRange(records.Chunk(ChunkRecords)
                .Select(chunk => region.Ask<object>(new AddRecords(to, handOver.Generation, chunk), AskTimeout)));
        }

        var count = imports.Sum(r => r.Count);
        Task.WhenAll(sends).ContinueWith(
            done => done.IsCompletedSuccessfully && done.Result.All(r => r is RecordsAdded)
                ? new HandedOver(handOver.Partition, count)
                : (object)new Status.Failure(new InvalidOperationException(
                    $"Partition {handOver.Partition} could not hand over its records: {WhyNot(done)}")),
            TaskScheduler.Default).PipeTo(Sender);
    }

    private static string WhyNot(Task<object[]> sends) => sends switch
    {
        { IsFaulted: true } => sends.Exception!.GetBaseException().Message,
        { IsCanceled: true } => "cancelled",
        _ => string.Join("; ", sends.Result.OfType<PartitionLost>().Select(l => l.Reason)),
    };

    private void Step(StepPartition step)
    {
        var clock = Stopwatch.StartNew();
        var updates = _partition!.Step();
        var stepSeconds = clock.Elapsed.TotalSeconds;
        var sender = Sender;

        _applier.ApplyAsync(updates).ContinueWith(
            applied => applied.IsCompletedSuccessfully
                ? new Applied(step, updates, stepSeconds, applied.Result.TotalSeconds, clock, sender)
                : (object)new ApplyFailed(applied.Exception!.GetBaseException(), sender),
            TaskScheduler.Default).PipeTo(Self);
    }

    /// <summary>Answers a step once applied, with the contacts per rule (for the metrics) when flags changed.</summary>
    private void Answer(Applied applied)
    {
        var contacts = applied.Updates.Any(u => u.Flags is not null) ? _partition?.CountContacts() : null;

        applied.ReplyTo.Tell(new PartitionStepped(applied.Step.Partition, applied.Updates.Count, applied.StepSeconds,
            applied.StepSeconds + applied.CodesSeconds, applied.Clock.Elapsed.TotalSeconds - applied.StepSeconds,
            contacts));
    }

    private void Read(ReadPartition read)
    {
        var partition = _partition!;
        var pairs = read.WithPairs
            ? partition.ContactPairs().Select(p => new ContactPair(p.Rule, p.PersonKey, p.CaseKey)).ToList()
            : [];
        Sender.Tell(new PartitionFigures(read.Partition, partition.PingCount, partition.CountContacts(), pairs));
    }

    /// <summary>A step's updates are applied; <see cref="CodesSeconds"/> after the step, every code was out.</summary>
    private sealed record Applied(StepPartition Step, IReadOnlyList<PersonUpdate> Updates, double StepSeconds,
        double CodesSeconds, Stopwatch Clock, IActorRef ReplyTo);

    /// <summary>A step's updates could not be applied.</summary>
    private sealed record ApplyFailed(Exception Cause, IActorRef ReplyTo);
}
