using HealthCode.Ingest.Publishing;
using HealthCode.Kafka;
using HealthCode.Node.Cli;
using HealthCode.Node.Runtime;
using HealthCode.Risk;
using HealthCode.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthCode.Node.Tests.Runtime;

public sealed class NodeOptionsLoaderTests
{
    private static string ReferencePath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);

        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HealthCode.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return Path.Combine(directory.FullName, "risk-engine", "HealthCode.Node", "healthcode.reference.json");
    }

    [Fact]
    public void Load_ReferenceConfiguration_GivesTheBuiltInDefaults()
    {
        var commandLine = CommandLine.Parse(["demo", "--config", ReferencePath(), "--pepper", "p"]);

        var options = NodeOptionsLoader.Load(commandLine, NullLogger.Instance);

        var kafka = new KafkaSettings();
        Assert.Equal(kafka with { TopicPartitions = options.Kafka.TopicPartitions, BootstrapServers = null },
            options.Kafka with { BootstrapServers = null });
        Assert.Empty(options.Kafka.TopicPartitions);
        Assert.Equal((new StorageSettings() with { DataPath = options.Storage.DataPath }).ToString(),
            options.Storage.ToString());
        Assert.Equal(new IngestSettings { Pepper = "p" }, options.Ingest);
        Assert.True(options.Kafka.IsEmbedded);
        Assert.Equal(RuleSettings.Default, options.Rules);
        Assert.Equal(8080, options.ApiPort);
        Assert.Equal(60, options.PersonRetentionDays);
    }

    [Fact]
    public void Load_RuleOverride_BindsEveryNumberAndKeepsTheRest()
    {
        var path = Path.Combine(Path.GetTempPath(), $"healthcode-rules-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            { "risk": { "rules": { "version": "ecdc-rows-2", "flightRowDistance": 2, "stayGap": "00:20:00" } } }
            """);

        try
        {
            var options = NodeOptionsLoader.Load(CommandLine.Parse(["demo", "--config", path]), NullLogger.Instance);

            Assert.Equal(RuleSettings.Default with
            {
                Version = "ecdc-rows-2",
                FlightRowDistance = 2,
                StayGap = TimeSpan.FromMinutes(20),
            }, options.Rules);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_NegativeRowDistance_FailsAtStartNamingTheSetting()
    {
        var path = Path.Combine(Path.GetTempPath(), $"healthcode-rules-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "risk": { "rules": { "flightRowDistance": -1 } } }""");

        try
        {
            var error = Assert.ThrowsAny<Exception>(() =>
                NodeOptionsLoader.Load(CommandLine.Parse(["demo", "--config", path]), NullLogger.Instance));

            Assert.Contains("FlightRowDistance", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_NegativePersonRetention_FailsAtStartNamingTheSetting()
    {
        var path = Path.Combine(Path.GetTempPath(), $"healthcode-retention-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "risk": { "personRetentionDays": -1 } }""");

        try
        {
            var error = Assert.Throws<InvalidOperationException>(() =>
                NodeOptionsLoader.Load(CommandLine.Parse(["demo", "--config", path]), NullLogger.Instance));

            Assert.Contains("risk.personRetentionDays", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_BootstrapOnCommandLine_SelectsARealCluster()
    {
        var commandLine = CommandLine.Parse(["ingest", "--bootstrap", "kafka-0:9092", "--pepper", "p"]);

        var options = NodeOptionsLoader.Load(commandLine, NullLogger.Instance);

        Assert.False(options.Kafka.IsEmbedded);
        Assert.Equal("kafka-0:9092", options.Kafka.BootstrapServers);
    }

    [Fact]
    public void Load_RealClusterWithoutPepper_FailsNamingTheSetting()
    {
        var commandLine = CommandLine.Parse(["ingest", "--bootstrap", "kafka-0:9092", "--config", ReferencePath()]);

        var error = Assert.Throws<InvalidOperationException>(() => NodeOptionsLoader.Load(commandLine,
            NullLogger.Instance));

        Assert.Contains("HEALTHCODE_INGEST__PEPPER", error.Message, StringComparison.Ordinal);
    }
}
