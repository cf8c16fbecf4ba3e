using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using HealthCode.Node.Risk.Partitions;
using HealthCode.Risk.Cluster.Persistence;

namespace HealthCode.Node.Risk;

/// <summary>The Akka configuration of a node: a cluster (one node when embedded) with persons on SQLite.</summary>
internal static class ClusterConfig
{
    /// <summary>
    /// The configuration of a node that runs the risk role: its journal on PostgreSQL when a connection string is
    /// given, else in the SQLite file of <see cref="RiskOptions.JournalPath"/>.
    /// </summary>
    public static ActorSystemSetup ForRisk(RiskOptions risk)
    {
        Config journal;
        Setup? journalSetup = null;
        if (risk.JournalConnectionString is { } connectionString)
        {
            journal = PostgresPersistence.Config(connectionString);
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(risk.JournalPath))!);
            SqlitePersistence.Prepare(risk.JournalPath);
            journal = SqlitePersistence.Config(risk.JournalPath);
            // The node checkpoints the file in the background (NodeRuntime), off the journal's write stream.
            journalSetup = SqlitePersistence.Setup(risk.JournalPath, backgroundCheckpoints: true);
        }

        // Sharding's own idle passivation is off because it would stop a person group with a running quarantine
        // timer; a group asks to be passivated itself when idle with nothing scheduled. Remembered entities (kept in
        // the journal) restart at once where their shard moves or after a crash, so a running timer is never lost:
        // exactly the groups not passivated are remembered.
        // The split-brain resolver downs the minority side of a partition (or the whole cluster if it is even), so
        // the engine singleton can never run on both sides.
        var cluster = ConfigurationFactory.ParseString($$"""
            akka {
              loglevel = WARNING
              stdout-loglevel = WARNING
              log-dead-letters = off
              actor.provider = cluster
              remote.dot-netty.tcp {
                hostname = "{{risk.ClusterHost}}"
                port = {{risk.ClusterPort}}
                # Engine partitions exchange records in chunks of about a megabyte (EnginePartitionActor); the
                # default frame of 128 kB would drop them.
                maximum-frame-size = 4000000b
                send-buffer-size = 8000000b
                receive-buffer-size = 8000000b
              }
              # A new case wakes thousands of persons at once, each recovering from the journal before it takes
              # its update; the default of 50 recoveries at a time made that queue (risk-e2e: 3.4 s -> 1.2 s for
              # a case's 400 code changes once its shards were up).
              persistence.max-concurrent-recoveries = 1000
              cluster {
                min-nr-of-members = 1
                sharding.passivate-idle-entity-after = off
                sharding.remember-entities = on
                sharding.remember-entities-store = eventsourced
                log-info = off
                downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                split-brain-resolver.active-strategy = keep-majority
              }
            }
            """);
        var serializers = ConfigurationFactory.ParseString(PartitionSerializer.Hocon);
        var setup = BootstrapSetup.Create().WithConfig(cluster.WithFallback(serializers).WithFallback(journal));
        return journalSetup is null ? ActorSystemSetup.Create(setup) : setup.And(journalSetup);
    }

    /// <summary>The configuration of a node without the risk role: streams only.</summary>
    public static Config StreamsOnly() => ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.log-dead-letters = off
        """);
}
