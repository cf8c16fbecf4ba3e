using HealthCode.Contracts.Geo;
using HealthCode.Ingest.Publishing;
using HealthCode.Kafka;
using HealthCode.Node.Risk;
using HealthCode.Node.Runtime;
using HealthCode.Risk;
using HealthCode.Risk.Cluster.Codes;
using HealthCode.Simulator;
using HealthCode.Storage;
using HealthCode.Storage.Research;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthCode.Node.Tests.Risk;

/// <summary>
/// The engine's companion contacts on simulator output, as stored in ClickHouse, against the companion rule
/// computed independently as one SQL query over the stored pings, subscribers, cases and case locations.
/// </summary>
[Collection(ChdbCollection.Name)]
public sealed class CompanionAgreementTests : IDisposable
{
    private readonly string _root =
        Path.Combine(Path.GetTempPath(), "healthcode-agreement-test-" + Guid.NewGuid().ToString("N"));

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

    [Fact]
    public async Task Engine_SimulatedCity_FlagsExactlyTheCompanionsTheSqlQueryFinds()
    {
        var input = Path.Combine(_root, "input");
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-4);
        await CitySimulator.RunAsync(new SimulationSettings { People = 1500, Days = 4, Seed = 5, StartDate = start },
            input, CancellationToken.None);
        var options = new NodeOptions(
            new KafkaSettings(),
            new StorageSettings
            {
                DataPath = ChdbCollection.DataPath,
                Database = "agreement_" + Guid.NewGuid().ToString("N"),
            },
            new IngestSettings { Pepper = "agreement-pepper" },
            _root)
        {
            MetricsPort = 0,
        };
        var risk = new RiskOptions(RuleSettings.Default, EngineClock.Live(TimeProvider.System), null,
            Path.Combine(_root, "risk", "persons.db"));

        await using var runtime = await NodeRuntime.StartAsync(options, withStorage: true,
            NullLoggerFactory.Instance, CancellationToken.None, risk);
        await PartnerFiles.IngestAllAsync(runtime, PartnerFiles.In(input), CancellationToken.None);
        await runtime.WaitForRiskAsync(CancellationToken.None);
        await runtime.WaitForStorageAsync(CancellationToken.None);

        var sql = (await new CompanionQuery(runtime.Store!).FindAsync(new CompanionQueryOptions()))
            .Select(c => $"{c.PersonKey} {c.CaseKey} cell {CellKey.FromPacked(c.Cell)} "
                + $"{c.OverlapStart.ToUnixTimeMilliseconds()} {c.OverlapEnd.ToUnixTimeMilliseconds()}")
            .ToHashSet(StringComparer.Ordinal);
        var engine = await StoredCompanionsAsync(runtime.Store!);

        Assert.True(sql.Count > 20, $"the simulation should have companions, found {sql.Count}");
        var onlySql = sql.Except(engine).Order(StringComparer.Ordinal).ToList();
        var onlyEngine = engine.Except(sql).Order(StringComparer.Ordinal).ToList();
        Assert.True(onlySql.Count == 0 && onlyEngine.Count == 0,
            $"{sql.Count} by SQL, {engine.Count} by the engine; only SQL: {string.Join("; ", onlySql.Take(4))}; "
            + $"only engine: {string.Join("; ", onlyEngine.Take(4))}");
    }

    private static async Task<HashSet<string>> StoredCompanionsAsync(IAnalyticsStore store)
    {
        var rows = await store.QueryRowsAsync($"""
            SELECT person_key, case_key, place, toUnixTimestamp64Milli(from_at) AS from_ms,
                toUnixTimestamp64Milli(to_at) AS to_ms
            FROM `{store.Database}`.contacts FINAL
            WHERE rule = 'companion' AND NOT withdrawn
            """);

        return rows
            .Map((r, i) => $"{r.Get<string>(i, "person_key")} {r.Get<string>(i, "case_key")} "
                + $"{r.Get<string>(i, "place")} {r.Get<long>(i, "from_ms")} {r.Get<long>(i, "to_ms")}")
            .ToHashSet(StringComparer.Ordinal);
    }
}
