using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.Routing;
using Confluent.Kafka;
using HealthCode.Kafka;
using HealthCode.Risk.Cluster.Codes;
using HealthCode.Risk.Cluster.Persons;
using HealthCode.Node.Risk.Partitions;
using HealthCode.Storage;
using Microsoft.Extensions.Logging;

namespace HealthCode.Node.Risk;

/// <summary>
/// The risk role of a node: sharded, event-sourced person groups, sharded engine partitions and the code
/// publisher on every risk node, and the detection pipeline (<see cref="DetectionPipeline"/>: consumer and router)
/// as a cluster singleton on the oldest one.
/// </summary>
/// <remarks>
/// More risk nodes is configuration only: persons and the engine's partitions spread over them through sharding,
/// and the pipeline moves to another node when its node leaves (after draining) or is downed (its successor
/// rebuilds the partitions from ClickHouse and reads on from the group's committed offsets). Each partition holds
/// its home people's pings and every case's (<see cref="HealthCode.Risk.Engine.Partitions.EngineRouter"/>), so
/// the exposure index grows with the nodes; the router's book of SIM owners stays on the pipeline's node.
/// </remarks>
internal sealed class RiskRole : IAsyncDisposable
{
    /// <summary>The sharding type name of person groups.</summary>
    /// <remarks>
    /// Not "person", the name of the entity per person that groups replaced, so remembered entities of that kind
    /// are never started as groups.
    /// </remarks>
    public const string PersonTypeName = "person-group";

    /// <summary>The name of the engine singleton's manager, the same on every node.</summary>
    public const string EngineSingletonName = "detection-engine";

    private static readonly TimeSpan AskTimeout = TimeSpan.FromMinutes(2);

    /// <summary>How long the engine's first start waits for the risk nodes it wants.</summary>
    private static readonly TimeSpan RegionsWait = TimeSpan.FromMinutes(2);

    /// <summary>Code requests awaited at once.</summary>
    private const int AsksInFlight = 2_000;

    /// <summary>Code publishers, each taking the changes of the persons whose key hashes to it.</summary>
    private const int PublisherCount = 4;

    private readonly IActorRef _persons;
    private readonly PartitionClient _partitions;
    private volatile DetectionPipeline? _pipeline;
    private volatile Exception? _startFailure;
    private readonly bool _restartsOnFailure;

    private RiskRole(IActorRef persons, PartitionClient partitions, CodeBoard board, bool restartsOnFailure)
    {
        _persons = persons;
        _partitions = partitions;
        _restartsOnFailure = restartsOnFailure;
        Board = board;
    }

    /// <summary>The latest code change of every person whose colour changed, as this node published it.</summary>
    public CodeBoard Board { get; }

    /// <summary>The region that routes messages to person groups.</summary>
    public IActorRef Persons => _persons;

    /// <summary>Records the engine consumed but has not committed yet; 0 where it does not run.</summary>
    public long Lag => _pipeline?.Lag ?? 0;

    /// <summary>The detection pipeline when the engine singleton runs on this node; null otherwise.</summary>
    public DetectionPipeline? LocalEngine => _pipeline;

    /// <summary>
    /// Starts sharding for persons, the code publisher, and this node's manager of the engine singleton. Where
    /// the singleton runs, it first awaits <paramref name="beforeRebuild"/>, then rebuilds from
    /// <paramref name="history"/> (when given) and consumes.
    /// </summary>
    public static async Task<RiskRole> StartAsync(ActorSystem system, RiskOptions options, KafkaSettings kafka,
        IProducer<byte[]?, byte[]> producer, ILoggerFactory loggerFactory, TimeSpan commitInterval,
        IAnalyticsStore? history, Func<CancellationToken, Task> beforeRebuild)
    {
        var logger = loggerFactory.CreateLogger("HealthCode.Node.Risk");
        var board = new CodeBoard();
        // Encoding a case's code changes (about 2,000 of 38 KB) was one actor's work; routed by person, each
        // person's changes still reach the topic in their order.
        var publisher = system.ActorOf(
            CodePublisher.Props(producer, board, options.Rules.Version, logger)
                .WithRouter(new ConsistentHashingPool(PublisherCount)
                    .WithHashMapping(m => m is PublishCodeChange publish ? publish.PersonKey : null)),
            "code-publisher");
        var personSettings = new PersonSettings(options.Rules, options.Clock, publisher, options.SnapshotEvery)
        {
            IdleAfter = options.PersonIdleAfter,
            Retention = options.PersonRetention,
        };

        // The extension first: it loads sharding's defaults, which the settings read.
        var sharding = ClusterSharding.Get(system);
        var shardingSettings = ClusterShardingSettings.Create(system);
        var persons = await sharding.StartAsync(
            PersonTypeName,
            group => PersonGroup.Props(group, personSettings),
            shardingSettings,
            new PersonMessageExtractor(options.MaxShards, options.PersonGroups),
            sharding.DefaultShardAllocationStrategy(shardingSettings),
            PersonGroup.HandOffStop).ConfigureAwait(false);
        // Partitions are memory only and rebuilt by each run of the pipeline: nothing to remember, and moving one
        // to balance would empty it, so the allocation never moves a partition while its node lives.
        var applier = new PersonUpdateApplier(persons, producer, options.PersonGroups);
        var partitionRegion = await ClusterSharding.Get(system).StartAsync(
            EnginePartitionActor.TypeName,
            _ => EnginePartitionActor.Props(options.Rules, applier, logger),
            ClusterShardingSettings.Create(system).WithRememberEntities(false),
            new PartitionMessageExtractor(),
            new PartitionAllocation(),
            PoisonPill.Instance).ConfigureAwait(false);
        var partitions = new PartitionClient(partitionRegion, options.EnginePartitions);
        var role = new RiskRole(persons, partitions, board, restartsOnFailure: history is not null);

        var firstStart = true;
        async Task<DetectionPipeline> StartEngineAsync(CancellationToken cancellationToken)
        {
            if (firstStart)
            {
                firstStart = false;
                await WaitForRegionsAsync(partitionRegion, options.MinClusterNodes, logger, cancellationToken)
                    .ConfigureAwait(false);
                await WakeGroupsAsync(persons, options.PersonGroups, logger, cancellationToken).ConfigureAwait(false);
            }

            if (history is not null)
            {
                await beforeRebuild(cancellationToken).ConfigureAwait(false);
            }

            return await DetectionPipeline.StartAsync(system, options, partitions, kafka, loggerFactory,
                commitInterval, history, cancellationToken).ConfigureAwait(false);
        }

        system.ActorOf(
            ClusterSingletonManager.Props(
                EngineHost.Props(StartEngineAsync, role.OnEngine, restartOnFailure: history is not null),
                EngineHost.Stop.Instance,
                ClusterSingletonManagerSettings.Create(system)),
            EngineSingletonName);

        logger.LogInformation(
            "Risk role up: persons in {Groups} groups over {MaxShards} shards, engine in {Partitions} partitions, " +
            "rules {RuleSetVersion}, clock {Clock}",
            options.PersonGroups, options.MaxShards, options.EnginePartitions, options.Rules.Version,
            options.Clock.IsFixed ? options.Clock.Now().ToString("O") : "wall");
        return role;
    }

    /// <summary>
    /// What the engine's partitions hold (pings, contacts per rule, and every contact pair when asked), read from
    /// the partitions wherever they run.
    /// </summary>
    public Task<EngineFigures> FiguresAsync(bool withPairs = false) => _partitions.FiguresAsync(withPairs);

    /// <summary>The engine partitions this node hosts.</summary>
    public Task<IReadOnlyList<int>> HostedPartitionsAsync() => _partitions.HostedHereAsync();

    /// <summary>Records the engine ignored because they lie after its horizon; 0 where it does not run.</summary>
    public long BeyondHorizon() => _pipeline?.BeyondHorizon() ?? 0;

    /// <summary>Detection latencies measured on this node, in seconds, one per case report.</summary>
    public IReadOnlyList<double> Latencies() => _pipeline?.Latencies() ?? [];

    /// <summary>The codes of <paramref name="personKeys"/> at the engine clock's now, from their groups.</summary>
    public async Task<IReadOnlyList<CodeAck>> CodesOfAsync(IEnumerable<string> personKeys)
    {
        var answers = new List<CodeAck>();

        foreach (var chunk in personKeys.Chunk(AsksInFlight))
        {
            var asks = chunk.Select(key => _persons.Ask<CodeAck>(new GetCode(key), AskTimeout));
            answers.AddRange(await Task.WhenAll(asks).ConfigureAwait(false));
        }

        return answers;
    }

    /// <summary>Refreshes the engine group's lag gauge where the engine runs.</summary>
    public void PublishLag() => _pipeline?.PublishLag();

    /// <summary>
    /// Fails if the engine on this node failed to start, or its stream failed with no history to start again
    /// from, so a caller waiting for catch-up does not wait forever.
    /// </summary>
    public void ThrowIfFailed()
    {
        if (_startFailure is { } failure)
        {
            throw new InvalidOperationException("The detection engine failed.", failure);
        }

        // With a history the singleton starts the pipeline again (EngineHost): catch-up is only later.
        if (!_restartsOnFailure)
        {
            _pipeline?.ThrowIfFailed();
        }
    }

    /// <summary>Drains the engine if it runs here, committing what has been acknowledged.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_pipeline is { } pipeline)
        {
            await pipeline.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits until <paramref name="count"/> nodes' partition regions are known to the shard coordinator (so a
    /// partition can be placed on each), or two minutes passed.
    /// </summary>
    private static async Task WaitForRegionsAsync(IActorRef region, int count, ILogger logger,
        CancellationToken cancellationToken)
    {
        if (count <= 1)
        {
            return;
        }

        var waited = Stopwatch.StartNew();
        while (true)
        {
            var stats = await region.Ask<ClusterShardingStats>(
                new GetClusterShardingStats(TimeSpan.FromSeconds(5)), TimeSpan.FromSeconds(10), cancellationToken)
                .ConfigureAwait(false);
            if (stats.Regions.Count >= count)
            {
                return;
            }

            if (waited.Elapsed > RegionsWait)
            {
                logger.LogWarning("Starting the engine with {Regions} of {Wanted} risk nodes after {Seconds:F0} s",
                    stats.Regions.Count, count, waited.Elapsed.TotalSeconds);
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Starts every person group (an empty update starts one and journals nothing), so that the first case does not
    /// wait for hundreds of recoveries; a group that does not answer in time is started by its first update.
    /// </summary>
    private static async Task WakeGroupsAsync(IActorRef persons, int groups, ILogger logger,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var wakes = Enumerable.Range(0, groups).Select(g =>
            persons.Ask<UpdatePersonsAck>(new UpdatePersons(g, []), AskTimeout, cancellationToken));

        try
        {
            await Task.WhenAll(wakes).ConfigureAwait(false);
            logger.LogInformation("{Groups} person groups started in {Seconds:F1} s", groups,
                clock.Elapsed.TotalSeconds);
        }
        catch (AskTimeoutException ex)
        {
            logger.LogWarning(ex, "Not every person group started within {Timeout}; the rest start on first use",
                AskTimeout);
        }
    }

    private void OnEngine(DetectionPipeline? pipeline, Exception? failure)
    {
        _pipeline = pipeline;
        _startFailure = failure;
    }
}
