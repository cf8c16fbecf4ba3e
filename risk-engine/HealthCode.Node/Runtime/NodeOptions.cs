using HealthCode.Ingest.Publishing;
using HealthCode.Kafka;
using HealthCode.Risk;
using HealthCode.Storage;

namespace HealthCode.Node.Runtime;

/// <summary>Everything a node run is configured with, after configuration and command line are merged.</summary>
internal sealed record NodeOptions(KafkaSettings Kafka, StorageSettings Storage, IngestSettings Ingest,
    string DataDirectory)
{
    /// <summary>Port of the Prometheus <c>/metrics</c> endpoint on localhost; 0 serves none.</summary>
    public int MetricsPort { get; init; } = 9464;

    /// <summary>
    /// Records a partition may lag behind its producer in embedded mode. The mock cluster keeps only ~5 MB per
    /// partition and drops older data silently, and one ping record is about 60 KB, so 40 records stay far inside.
    /// </summary>
    public int EmbeddedMaxLagRecords { get; init; } = 40;

    /// <summary>The roles <c>node</c> runs when <c>--roles</c> does not say (<c>node:roles</c>).</summary>
    public string Roles { get; init; } = "storage,risk,api";

    /// <summary>
    /// A PostgreSQL connection string for the person journal (<c>risk:journalConnectionString</c>); empty keeps
    /// the journal in a SQLite file in the data directory.
    /// </summary>
    public string? JournalConnectionString { get; init; }

    /// <summary>
    /// The address the metrics endpoint and the API listen on (<c>node:listenAddress</c>): loopback on one machine,
    /// <c>0.0.0.0</c> in a pod so that Prometheus and the platforms can reach them.
    /// </summary>
    public string ListenAddress { get; init; } = "127.0.0.1";

    /// <summary>Port of the HTTP API on localhost (<c>node:apiPort</c>); 0 serves none.</summary>
    public int ApiPort { get; init; } = 8080;

    /// <summary>
    /// The address other cluster members reach this node at (<c>node:clusterHost</c>): loopback on one machine, the
    /// pod's address in a cluster.
    /// </summary>
    public string ClusterHost { get; init; } = "127.0.0.1";

    /// <summary>The cluster port (<c>node:clusterPort</c>); 0 picks a free one, fit only for a lone node.</summary>
    public int ClusterPort { get; init; }

    /// <summary>
    /// Addresses (<c>akka.tcp://healthcode@host:port</c>) of members to join (<c>node:seedNodes</c>, comma
    /// separated); none forms a cluster of this node alone.
    /// </summary>
    public IReadOnlyList<string> SeedNodes { get; init; } = [];

    /// <summary>
    /// Members the engine's first start waits for, two minutes at most (<c>node:minClusterNodes</c>), so that its
    /// partitions spread over them.
    /// </summary>
    public int MinClusterNodes { get; init; } = 1;

    /// <summary>
    /// How many partitions the engine's exposure index is split into over the risk nodes
    /// (<c>risk:enginePartitions</c>); every node of a cluster must say the same.
    /// </summary>
    public int EnginePartitions { get; init; } = 1;

    /// <summary>
    /// Days a green person's facts are kept after the newest of them (<c>risk:personRetentionDays</c>); 0 keeps
    /// them forever.
    /// </summary>
    public int PersonRetentionDays { get; init; } = 60;

    /// <summary>The contact and monitoring rules (configuration section <c>risk:rules</c>).</summary>
    public RuleSettings Rules { get; init; } = RuleSettings.Default;
}
