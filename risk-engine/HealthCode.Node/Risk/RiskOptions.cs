using HealthCode.Risk;
using HealthCode.Risk.Cluster.Codes;
using HealthCode.Risk.Engine;

namespace HealthCode.Node.Risk;

/// <summary>
/// How the risk role runs: the rule set, the clock codes are evaluated at, and where persons are kept.
/// </summary>
/// <param name="Rules">The contact and monitoring rules.</param>
/// <param name="Clock">The wall clock in service; a fixed instant in a replay.</param>
/// <param name="Horizon">Records timestamped after this are ignored (a replay's now); null in service.</param>
/// <param name="JournalPath">The SQLite file of the person journal and snapshots.</param>
internal sealed record RiskOptions(RuleSettings Rules, EngineClock Clock, DateTimeOffset? Horizon, string JournalPath)
{
    /// <summary>A PostgreSQL connection string for the journal; null keeps it in the SQLite file.</summary>
    public string? JournalConnectionString { get; init; }

    /// <summary>A person snapshot after every this many journal events.</summary>
    public int SnapshotEvery { get; init; } = 100;

    /// <summary>
    /// Whether the engine rebuilds its indexes from ClickHouse at start-up (when the node stores events): a service
    /// must, a one-off run over fresh input (the demo) starts empty.
    /// </summary>
    public bool RebuildFromHistory { get; init; } = true;

    /// <summary>Port of the HTTP API on localhost; null serves none, 0 picks a free port.</summary>
    public int? ApiPort { get; init; }

    /// <summary>
    /// How long a person group without a scheduled change stays in memory after its last message; one with a
    /// running quarantine on the wall clock stays for its timer.
    /// </summary>
    public TimeSpan PersonIdleAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a green person's facts are kept after the newest of them (the groups' retention); null keeps
    /// them, as one-off runs (demo, replay) do.
    /// </summary>
    public TimeSpan? PersonRetention { get; init; }

    /// <summary>The number of person shards; it must not change while a journal lives.</summary>
    public int MaxShards { get; init; } = 100;

    /// <summary>
    /// The number of person groups, the entities persons are kept and journaled in; it must not change while a
    /// journal lives. Enough that groups spread over the shards and each event stays small, few enough that a new
    /// case's thousands of code changes make a few hundred journal writes, not one recovery and write per person.
    /// </summary>
    public int PersonGroups { get; init; } = 256;

    /// <summary>The address other members reach this node at.</summary>
    public string ClusterHost { get; init; } = "127.0.0.1";

    /// <summary>The cluster port; 0 picks a free one.</summary>
    public int ClusterPort { get; init; }

    /// <summary>Members to join; empty forms a cluster of this node alone.</summary>
    public IReadOnlyList<string> SeedNodes { get; init; } = [];

    /// <summary>
    /// Members the engine's first start on a node waits for (two minutes at most), so that its partitions spread
    /// over them. Not Akka's min-nr-of-members: sharding would stop placing shards, persons too, whenever the
    /// cluster shrank below it.
    /// </summary>
    public int MinClusterNodes { get; init; } = 1;

    /// <summary>
    /// How many partitions the engine's exposure index is split into, spread over the risk nodes; every node must
    /// say the same. More partitions than nodes lets a node that joins later take some over.
    /// </summary>
    public int EnginePartitions { get; init; } = 1;

    /// <summary>
    /// Feeds a history into the engine before it consumes, awaiting the given flush now and then so the router
    /// does not hold it all; benchmarks hand one in. Null in service, where the history comes from ClickHouse.
    /// </summary>
    public Func<IRecordSink, Func<Task>, Task>? Preload { get; init; }

    /// <summary>The service defaults: DESIGN rules, the wall clock, the journal in the data directory.</summary>
    public static RiskOptions InService(string dataDirectory) => new(
        RuleSettings.Default, EngineClock.Live(TimeProvider.System), null,
        Path.Combine(dataDirectory, "risk", "persons.db"));
}
