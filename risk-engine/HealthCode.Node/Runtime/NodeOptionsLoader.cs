using HealthCode.Ingest.Publishing;
using HealthCode.Kafka;
using HealthCode.Node.Cli;
using HealthCode.Node.Configuration;
using HealthCode.Risk;
using HealthCode.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace HealthCode.Node.Runtime;

/// <summary>Builds validated <see cref="NodeOptions"/> from configuration and the command line.</summary>
internal static class NodeOptionsLoader
{
    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    public static NodeOptions Load(CommandLine commandLine, ILogger logger)
    {
        var configuration = NodeConfiguration.Load(commandLine.Text("config"));
        var dataDirectory = Path.GetFullPath(configuration["node:dataDirectory"] ?? "data");

        var kafka = configuration.GetSection("kafka").Get<KafkaSettings>() ?? new KafkaSettings();
        kafka = kafka with { BootstrapServers = commandLine.Text("bootstrap") ?? kafka.BootstrapServers };
        kafka.Validate();

        var storage = configuration.GetSection("storage").Get<StorageSettings>() ?? new StorageSettings();
        storage = storage with
        {
            DataPath = Path.GetFullPath(storage.DataPath == StorageDefaults.DataPath
                ? Path.Combine(dataDirectory, "clickhouse")
                : storage.DataPath),
        };
        storage.Validate();

        var pepper = PepperStore.Resolve(commandLine.Text("pepper") ?? configuration["ingest:pepper"], dataDirectory,
            kafka.IsEmbedded, logger);
        var ingest = new IngestSettings
        {
            Pepper = pepper,
            PingBatchSize = configuration.GetValue("ingest:pingBatchSize", 1000),
            CellMetres = configuration.GetValue("ingest:cellMetres", 800.0),
        }.Validate();

        logger.LogInformation(
            "Configuration: Kafka {KafkaMode} {Bootstrap}, storage {StorageMode} {StorageTarget}, "
            + "data in {DataDirectory}",
            kafka.IsEmbedded ? "embedded" : "cluster", kafka.BootstrapServers ?? "(mock cluster)", storage.Mode,
            storage.Mode == StorageMode.Embedded ? storage.DataPath : storage.Database, dataDirectory);

        var metricsPort = configuration.GetValue("node:metricsPort", 9464);
        var apiPort = configuration.GetValue("node:apiPort", 8080);

        if (apiPort is < 0 or > 65535)
        {
            throw new InvalidOperationException($"node.apiPort must be 0..65535, not {apiPort}.");
        }

        if (metricsPort is < 0 or > 65535)
        {
            throw new InvalidOperationException($"node.metricsPort must be 0..65535, not {metricsPort}.");
        }

        var clusterPort = configuration.GetValue("node:clusterPort", 0);
        if (clusterPort is < 0 or > 65535)
        {
            throw new InvalidOperationException($"node.clusterPort must be 0..65535, not {clusterPort}.");
        }

        var seedNodes = (configuration["node:seedNodes"] ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (seedNodes.FirstOrDefault(s => !s.StartsWith("akka.tcp://healthcode@", StringComparison.Ordinal))
            is { } badSeed)
        {
            throw new InvalidOperationException(
                $"node.seedNodes must list akka.tcp://healthcode@host:port addresses, not '{badSeed}'.");
        }

        var minClusterNodes = configuration.GetValue("node:minClusterNodes", 1);
        if (minClusterNodes < 1)
        {
            throw new InvalidOperationException($"node.minClusterNodes must be at least 1, not {minClusterNodes}.");
        }

        var enginePartitions = configuration.GetValue("risk:enginePartitions", 1);
        if (enginePartitions is < 1 or > 4096)
        {
            throw new InvalidOperationException(
                $"risk.enginePartitions must be 1..4096, not {enginePartitions}.");
        }

        var personRetentionDays = configuration.GetValue("risk:personRetentionDays", 60);
        if (personRetentionDays < 0)
        {
            throw new InvalidOperationException(
                $"risk.personRetentionDays must be 0 (keep forever) or more, not {personRetentionDays}.");
        }

        // Every rule number is a setting; RuleSettings checks each one as it is bound, so a bad value stops start-up.
        var rules = configuration.GetSection("risk:rules").Get<RuleSettings>() ?? RuleSettings.Default;
        logger.LogInformation(
            "Rules {RuleSetVersion}: cell {CellMetres} m, stay gap {StayGap}, window {ExposureWindow}",
            rules.Version, rules.CellMetres, rules.StayGap, rules.ExposureWindow);

        return new NodeOptions(kafka, storage, ingest, dataDirectory)
        {
            MetricsPort = metricsPort,
            ApiPort = apiPort,
            Rules = rules,
            Roles = configuration["node:roles"] ?? "storage,risk,api",
            ListenAddress = configuration["node:listenAddress"] ?? "127.0.0.1",
            JournalConnectionString = NullIfEmpty(configuration["risk:journalConnectionString"]),
            ClusterHost = configuration["node:clusterHost"] ?? "127.0.0.1",
            ClusterPort = clusterPort,
            SeedNodes = seedNodes,
            EnginePartitions = enginePartitions,
            MinClusterNodes = minClusterNodes,
            PersonRetentionDays = personRetentionDays,
        };
    }
}
