using System.Net;
using System.Net.Sockets;
using HealthCode.Ingest.Publishing;
using HealthCode.Kafka;
using HealthCode.Kafka.Embedded;
using HealthCode.Node.Risk;
using HealthCode.Node.Runtime;
using HealthCode.Node.Tests.Replay;
using HealthCode.Risk;
using HealthCode.Risk.Cluster.Codes;
using HealthCode.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthCode.Node.Tests.Risk;

/// <summary>Two risk nodes in one cluster: one engine between them, persons on both, the engine moving over.</summary>
[Collection(ChdbCollection.Name)]
public sealed class EngineSingletonTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "healthcode-singleton-" + Guid.NewGuid());

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // SQLite's pooled connections may hold the journal open until the process ends.
        }
    }

    [Fact]
    public async Task TwoNodes_ScenarioIngested_OneEngineAndEveryCodeAnsweredFromEitherNode()
    {
        using var kafka = await KafkaAsync();
        var options = OptionsOn(kafka.BootstrapServers);
        var input = Path.Combine(_root, "input");
        new RuleScenario().WriteTo(input, seed: null);
        var port = FreePort();

        // Both nodes come up together (the cluster waits for two), so the engine's partitions spread over both and
        // every step crosses between the nodes.
        var starting = new[] { RiskOn(port), JoiningAt(port) }.Select(risk => NodeRuntime.StartAsync(
            options, withStorage: false, NullLoggerFactory.Instance, CancellationToken.None,
            risk with { MinClusterNodes = 2 })).ToList();
        await using var first = await starting[0];
        await using var second = await starting[1];
        await PartnerFiles.IngestAllAsync(first, PartnerFiles.In(input), CancellationToken.None);
        await first.WaitForRiskAsync(CancellationToken.None);

        Assert.NotNull(first.Risk!.LocalEngine);
        Assert.Null(second.Risk!.LocalEngine);
        Assert.NotEmpty(await second.Risk.HostedPartitionsAsync());
        Assert.NotEmpty(await first.Risk.HostedPartitionsAsync());
        var figures = await second.Risk.FiguresAsync();
        Assert.Equal((await first.Risk.FiguresAsync()).Pings, figures.Pings);
        Assert.True(figures.Pings > 0, "the partitions hold no pings");
        var codes = (await second.Risk.CodesOfAsync(RuleScenario.Letters.Select(RuleScenario.KeyOf)))
            .ToDictionary(c => c.PersonKey);
        foreach (var letter in RuleScenario.Letters)
        {
            var code = codes[RuleScenario.KeyOf(letter)].Code;
            var expected = RuleScenario.Expected.TryGetValue(letter, out var colour) ? colour : ("green", null);
            Assert.Equal(expected, (RiskEvents.ColourName(code.Colour), code.ValidUntil));
        }
    }

    [Fact]
    public async Task TwoNodes_EngineNodeLeaves_TheOtherNodeRunsTheEngine()
    {
        using var kafka = await KafkaAsync();
        var options = OptionsOn(kafka.BootstrapServers);
        var port = FreePort();

        var first = await NodeRuntime.StartAsync(options, withStorage: false,
            NullLoggerFactory.Instance, CancellationToken.None, RiskOn(port));
        await using var second = await NodeRuntime.StartAsync(options, withStorage: false,
            NullLoggerFactory.Instance, CancellationToken.None, JoiningAt(port));
        await Eventually(() => first.Risk!.LocalEngine is not null);
        await first.DisposeAsync();

        await Eventually(() => second.Risk!.LocalEngine is not null);
        var input = Path.Combine(_root, "input");
        new RuleScenario().WriteTo(input, seed: null);
        await PartnerFiles.IngestAllAsync(second, PartnerFiles.In(input), CancellationToken.None);
        await second.WaitForRiskAsync(CancellationToken.None);

        var red = RuleScenario.KeyOf("A");
        var code = Assert.Single(await second.Risk!.CodesOfAsync([red])).Code;
        Assert.Equal("red", RiskEvents.ColourName(code.Colour));
    }

    [Fact]
    public async Task TwoNodes_NodeWithPartitionsLeaves_EngineStartsAgainFromTheHistoryAndKeepsEveryCode()
    {
        using var kafka = await KafkaAsync();
        var options = OptionsOn(kafka.BootstrapServers) with
        {
            Storage = new StorageSettings
            {
                DataPath = ChdbCollection.DataPath,
                Database = "lost_partition_" + Guid.NewGuid().ToString("N"),
            },
        };
        var (before, after) = RiskRestartTests.SplitInHalves(new RuleScenario(), _root);
        var port = FreePort();
        var withHistory = RiskOn(port) with { RebuildFromHistory = true, MinClusterNodes = 2 };

        var starting = new[]
        {
            NodeRuntime.StartAsync(options, withStorage: true, NullLoggerFactory.Instance, CancellationToken.None,
                withHistory),
            NodeRuntime.StartAsync(options, withStorage: false, NullLoggerFactory.Instance, CancellationToken.None,
                JoiningAt(port) with { MinClusterNodes = 2 }),
        };
        await using var first = await starting[0];
        var second = await starting[1];
        await PartnerFiles.IngestAllAsync(first, before, CancellationToken.None);
        await first.WaitForRiskAsync(CancellationToken.None);
        await first.WaitForStorageAsync(CancellationToken.None);
        Assert.NotEmpty(await second.Risk!.HostedPartitionsAsync());

        // The second node takes its partitions with it: the next batch finds them empty, and the engine starts
        // again from what ClickHouse holds.
        await second.DisposeAsync();
        await PartnerFiles.IngestAllAsync(first, after, CancellationToken.None);
        await first.WaitForRiskAsync(CancellationToken.None);

        Assert.Equal([0, 1, 2], await first.Risk!.HostedPartitionsAsync());
        var codes = (await first.Risk.CodesOfAsync(RuleScenario.Letters.Select(RuleScenario.KeyOf)))
            .ToDictionary(c => c.PersonKey);
        foreach (var letter in RuleScenario.Letters)
        {
            var code = codes[RuleScenario.KeyOf(letter)].Code;
            var expected = RuleScenario.Expected.TryGetValue(letter, out var colour) ? colour : ("green", null);
            Assert.Equal(expected, (RiskEvents.ColourName(code.Colour), code.ValidUntil));
        }
    }

    /// <summary>A replay-like risk role (fixed clock, no rebuild, 3 partitions) on <paramref name="port"/>.</summary>
    private RiskOptions RiskOn(int port) => new(RuleSettings.Default, EngineClock.Fixed(RuleScenario.Now),
        RuleScenario.Now, Path.Combine(_root, "risk", "persons.db"))
    {
        RebuildFromHistory = false,
        ClusterPort = port,
        EnginePartitions = 3,
    };

    /// <summary>The same role on a free port, joining the node on <paramref name="port"/>.</summary>
    private RiskOptions JoiningAt(int port) =>
        RiskOn(0) with { SeedNodes = [$"akka.tcp://healthcode@127.0.0.1:{port}"] };

    private static async Task<EmbeddedKafkaCluster> KafkaAsync()
    {
        var logger = NullLoggerFactory.Instance.CreateLogger("kafka");
        var kafka = EmbeddedKafkaCluster.Start(new KafkaSettings(), logger);
        await new KafkaTopology(new KafkaSettings { BootstrapServers = kafka.BootstrapServers }, NodeRuntime.AllTopics)
            .EnsureCreatedAsync(kafka, logger, CancellationToken.None);
        return kafka;
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within two minutes");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private NodeOptions OptionsOn(string bootstrap) => new(
        new KafkaSettings { BootstrapServers = bootstrap },
        new StorageSettings(),
        new IngestSettings { Pepper = RuleScenario.Pepper },
        _root)
    {
        MetricsPort = 0,
    };
}
