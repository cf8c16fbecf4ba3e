using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Confluent.Kafka;
using HealthCode.Kafka;
using HealthCode.Risk.Cluster.Persons;
using HealthCode.Risk.Engine;
using HealthCode.Risk.Rules;
using HealthCode.Storage;
using Microsoft.Extensions.Logging;

namespace HealthCode.Node.Risk;

/// <summary>
/// The risk role of a node: sharded, event-sourced person entities and the code publisher on every risk node, and
/// the detection pipeline (<see cref="DetectionPipeline"/>) as a cluster singleton on the oldest one.
/// </summary>
/// <remarks>
/// More risk nodes is configuration only: persons spread over them through sharding, and the engine moves to
/// another node when its node leaves (after draining) or is downed (its successor rebuilds from ClickHouse and
/// reads on from the group's committed offsets). The exposure index itself is not distributed: the engine holds
/// all of it in one process, so the pings one node can hold bound the cluster. Pings are keyed by SIM, a stay
/// spans all the SIMs of a person, and a SIM may be registered after its pings, so splitting the index needs a
/// stage that re-keys pings by person once their registration is known; that stage is not built.
/// </remarks>
internal sealed class RiskRole : IAsyncDisposable
{
    /// <summary>The sharding type name of person entities.</summary>
    public const string PersonTypeName = "person";

    /// <summary>The name of the engine singleton's manager, the same on every node.</summary>
    public const string EngineSingletonName = "detection-engine";

    private static readonly TimeSpan AskTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Code requests awaited at once.</summary>
    private const int AsksInFlight = 2_000;

    private readonly IActorRef _persons;
    private volatile DetectionPipeline? _pipeline;
    private volatile Exception? _startFailure;

    private RiskRole(IActorRef persons, CodeBoard board)
    {
        _persons = persons;
        Board = board;
    }

    /// <summary>The latest code change of every person whose colour changed, as this node published it.</summary>
    public CodeBoard Board { get; }

    /// <summary>The region that routes messages to person entities.</summary>
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
        var publisher = system.ActorOf(
            CodePublisher.Props(producer, board, options.Rules.Version, logger), "code-publisher");
        var personSettings = new PersonSettings(options.Rules, options.Clock, publisher, options.SnapshotEvery)
        {
            IdleAfter = options.PersonIdleAfter,
        };

        var persons = await ClusterSharding.Get(system).StartAsync(
            PersonTypeName,
            key => Person.Props(key, personSettings),
            ClusterShardingSettings.Create(system),
            new PersonMessageExtractor(options.MaxShards)).ConfigureAwait(false);
        var role = new RiskRole(persons, board);

        async Task<DetectionPipeline> StartEngineAsync(CancellationToken cancellationToken)
        {
            if (history is not null)
            {
                await beforeRebuild(cancellationToken).ConfigureAwait(false);
            }

            return await DetectionPipeline.StartAsync(system, options, persons, kafka, producer, loggerFactory,
                commitInterval, history, cancellationToken).ConfigureAwait(false);
        }

        system.ActorOf(
            ClusterSingletonManager.Props(
                EngineHost.Props(StartEngineAsync, role.OnEngine),
                EngineHost.Stop.Instance,
                ClusterSingletonManagerSettings.Create(system)),
            EngineSingletonName);

        logger.LogInformation("Risk role up: persons in {MaxShards} shards, rules {RuleSetVersion}, clock {Clock}",
            options.MaxShards, options.Rules.Version,
            options.Clock.IsFixed ? options.Clock.Now().ToString("O") : "wall");
        return role;
    }

    /// <summary>Distinct (person, case) contacts per rule right now; empty where the engine does not run.</summary>
    public IReadOnlyList<ContactCount> CountContacts() => _pipeline?.CountContacts() ?? [];

    /// <summary>Every distinct (rule, person, case) the engine currently flags; empty where it does not run.</summary>
    public IReadOnlyList<(Rule Rule, string PersonKey, string CaseKey)> ContactPairs() =>
        _pipeline?.ContactPairs() ?? [];

    /// <summary>Distinct pings the engine holds; 0 where it does not run.</summary>
    public long PingCount() => _pipeline?.PingCount() ?? 0;

    /// <summary>Records the engine ignored because they lie after its horizon; 0 where it does not run.</summary>
    public long BeyondHorizon() => _pipeline?.BeyondHorizon() ?? 0;

    /// <summary>Detection latencies measured on this node, in seconds, one per case report.</summary>
    public IReadOnlyList<double> Latencies() => _pipeline?.Latencies() ?? [];

    /// <summary>The codes of <paramref name="personKeys"/> at the engine clock's now, from their entities.</summary>
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
    /// Fails if the engine on this node failed to start or its stream failed, so a caller waiting for catch-up
    /// does not wait forever.
    /// </summary>
    public void ThrowIfFailed()
    {
        if (_startFailure is { } failure)
        {
            throw new InvalidOperationException("The detection engine failed to start.", failure);
        }

        _pipeline?.ThrowIfFailed();
    }

    /// <summary>Drains the engine if it runs here, committing what has been acknowledged.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_pipeline is { } pipeline)
        {
            await pipeline.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void OnEngine(DetectionPipeline? pipeline, Exception? failure)
    {
        _pipeline = pipeline;
        _startFailure = failure;
    }
}
