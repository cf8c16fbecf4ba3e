using System.Text.Json;
using Confluent.Kafka;
using HealthCode.Contracts.Feeds;
using HealthCode.Ingest.Publishing;
using HealthCode.Kafka;
using HealthCode.Kafka.Embedded;
using HealthCode.Node.Cli;
using HealthCode.Node.Replay;
using HealthCode.Node.Risk;
using HealthCode.Node.Runtime;
using HealthCode.Node.Tests.Replay;
using HealthCode.Risk;
using HealthCode.Risk.Cluster.Codes;
using HealthCode.Risk.Cluster.Persons;
using HealthCode.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using V1 = HealthCode.Contracts.Events.V1;

namespace HealthCode.Node.Tests.Risk;

/// <summary>
/// A node stopped halfway through a replay and started again on the same Kafka, ClickHouse and journal.
/// </summary>
[Collection(ChdbCollection.Name)]
public sealed class RiskRestartTests : IDisposable
{
    private readonly string _root =
        Path.Combine(Path.GetTempPath(), "healthcode-restart-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // chDB may hold files open until the process ends; the temp folder is cleaned by the OS.
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Restart_MidReplay_LosesAndDuplicatesNoCodeChange(int partitions)
    {
        var scenario = new RuleScenario();
        var (first, second) = SplitInHalves(scenario, _root);
        var expected = await ReplayUninterruptedAsync(scenario);
        var logger = NullLoggerFactory.Instance;
        using var kafka = EmbeddedKafkaCluster.Start(new KafkaSettings(), logger.CreateLogger("kafka"));
        var options = OptionsOn(kafka.BootstrapServers);
        await new KafkaTopology(options.Kafka, NodeRuntime.AllTopics)
            .EnsureCreatedAsync(kafka, logger.CreateLogger("kafka"), CancellationToken.None);
        var risk = new RiskOptions(RuleSettings.Default, EngineClock.Fixed(RuleScenario.Now), RuleScenario.Now,
            Path.Combine(_root, "risk", "persons.db"))
        {
            EnginePartitions = partitions,
        };

        await RunPhaseAsync(options, risk, first, waitForStorage: false);
        var codes = await RunPhaseAsync(options, risk, second, waitForStorage: true,
            () => ReadCodeChanges(kafka.BootstrapServers).Select(c => c.PersonKey).Distinct());

        var changes = ReadCodeChanges(kafka.BootstrapServers);
        foreach (var person in changes.GroupBy(c => c.PersonKey))
        {
            var sequences = person.Select(c => c.Sequence).ToList();
            Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences.Order());
        }

        var colours = codes.ToDictionary(c => c.PersonKey, c => c.Code.Colour);
        foreach (var person in changes.GroupBy(c => c.PersonKey))
        {
            var last = person.MaxBy(c => c.Sequence)!;
            Assert.Equal(last.NewColour.ToString(), colours[person.Key].ToString());
        }

        Assert.Equal(expected, CodeLines.Format(codes));
    }

    /// <summary>
    /// Runs the node over <paramref name="files"/> until it has caught up; then, with <paramref name="askFor"/>,
    /// returns the codes of the persons it names while the node still runs.
    /// </summary>
    private static async Task<IReadOnlyList<CodeAck>> RunPhaseAsync(NodeOptions options, RiskOptions risk,
        IReadOnlyList<(Feed Feed, string Path)> files, bool waitForStorage,
        Func<IEnumerable<string>>? askFor = null)
    {
        await using var runtime = await NodeRuntime.StartAsync(options, withStorage: true,
            NullLoggerFactory.Instance, CancellationToken.None, risk);

        await PartnerFiles.IngestAllAsync(runtime, files, CancellationToken.None);
        await runtime.WaitForRiskAsync(CancellationToken.None);
        if (waitForStorage)
        {
            await runtime.WaitForStorageAsync(CancellationToken.None);
        }

        return askFor is null ? [] : await runtime.Risk!.CodesOfAsync(askFor());
    }

    private async Task<string> ReplayUninterruptedAsync(RuleScenario scenario)
    {
        var input = Path.Combine(_root, "whole");
        scenario.WriteTo(input, seed: null);
        var output = Path.Combine(_root, "whole.jsonl");
        var config = Path.Combine(_root, "replay.json");
        await File.WriteAllTextAsync(config,
            JsonSerializer.Serialize(new { node = new { metricsPort = 0, dataDirectory = _root } }));

        Assert.Equal(0, await NodeCommands.RunAsync(["replay", "--input", input, "--now", RuleScenario.NowText,
            "--pepper", RuleScenario.Pepper, "--out", output, "--config", config]));
        return await File.ReadAllTextAsync(output);
    }

    /// <summary>
    /// Every file's first half of lines in one folder and the rest in another (the CSV header in both).
    /// </summary>
    /// <summary>The scenario's files, each cut in two halves of its lines, under <paramref name="root"/>.</summary>
    internal static (IReadOnlyList<(Feed, string)> First, IReadOnlyList<(Feed, string)> Second) SplitInHalves(
        RuleScenario scenario, string root)
    {
        var whole = Path.Combine(root, "split-source");
        scenario.WriteTo(whole, seed: null);
        var first = Path.Combine(root, "first");
        var second = Path.Combine(root, "second");
        Directory.CreateDirectory(first);
        Directory.CreateDirectory(second);

        foreach (var file in Directory.GetFiles(whole))
        {
            var lines = File.ReadAllLines(file).ToList();
            var header = file.EndsWith(".csv", StringComparison.Ordinal) ? lines.Take(1).ToList() : [];
            var body = lines.Skip(header.Count).ToList();
            var half = body.Count / 2;
            File.WriteAllLines(Path.Combine(first, Path.GetFileName(file)), [.. header, .. body.Take(half)]);
            File.WriteAllLines(Path.Combine(second, Path.GetFileName(file)), [.. header, .. body.Skip(half)]);
        }

        return (PartnerFiles.In(first), PartnerFiles.In(second));
    }

    private NodeOptions OptionsOn(string bootstrap) => new(
        new KafkaSettings { BootstrapServers = bootstrap },
        new StorageSettings
        {
            DataPath = ChdbCollection.DataPath,
            Database = "restart_" + Guid.NewGuid().ToString("N"),
        },
        new IngestSettings { Pepper = RuleScenario.Pepper },
        _root)
    {
        MetricsPort = 0,
    };

    private static List<V1.CodeChange> ReadCodeChanges(string bootstrap)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "restart-test-reader",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(config).Build();
        var partitions = Enumerable.Range(0, new KafkaSettings().PartitionsFor(Topics.CodeChanges))
            .Select(p => new TopicPartition(Topics.CodeChanges, p))
            .ToList();
        var ends = partitions.ToDictionary(
            p => p, p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High);
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));

        var changes = new List<V1.CodeChange>();
        var remaining = ends.Values.Sum(e => e.Value);
        while (remaining > 0)
        {
            var result = consumer.Consume(TimeSpan.FromSeconds(30)) ?? throw new TimeoutException(
                $"code-changes ended {remaining} records early");
            changes.Add(V1.CodeChange.Parser.ParseFrom(result.Message.Value));
            remaining--;
        }

        return changes;
    }
}
