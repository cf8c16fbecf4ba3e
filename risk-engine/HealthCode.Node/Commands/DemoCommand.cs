using System.Diagnostics;
using HealthCode.Contracts.Feeds;
using HealthCode.Ingest.Identity;
using HealthCode.Node.Cli;
using HealthCode.Node.Demo;
using HealthCode.Node.Risk;
using HealthCode.Node.Risk.Partitions;
using HealthCode.Node.Runtime;
using HealthCode.Risk.Cluster.Codes;
using HealthCode.Risk.Rules;
using HealthCode.Simulator;
using HealthCode.Storage;
using HealthCode.Storage.Schema;
using Microsoft.Extensions.Logging;
using V1 = HealthCode.Contracts.Events.V1;

namespace HealthCode.Node.Commands;

/// <summary>
/// <c>demo</c>: simulator (or <c>--input DIR</c>) -> ingest -> Kafka -> risk engine and storage, all in one process.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The default size: about two minutes on a 2-core machine.</summary>
    private const int DefaultPeople = 20_000;

    private const int DefaultDays = 7;

    public static async Task<int> RunAsync(CommandLine commandLine, ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger("HealthCode.Node.Demo");
        var input = commandLine.Text("input");
        var summaryPath = commandLine.Text("summary");

        var defaults = new SimulationSettings
        {
            People = DefaultPeople,
            Days = DefaultDays,
            MalformedPerFeed = 5,
        };
        // Generated data ends today, so that retention (counted from event time) keeps all of it.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var simulation = input is null
            ? SimulateCommand.SettingsFrom(commandLine, defaults, days => today.AddDays(-days))
            : null;
        var options = NodeOptionsLoader.Load(commandLine, logger);
        commandLine.RejectUnknown();
        var clock = Stopwatch.StartNew();

        SimulatedInput? simulated = null;

        if (simulation is not null)
        {
            input = Path.Combine(options.DataDirectory, "demo", $"seed-{simulation.Seed}");
            var report = await SimulateCommand.RunAsync(simulation, input, logger, cancellationToken)
                .ConfigureAwait(false);
            simulated = new SimulatedInput(report.People, report.Days, report.Seed, report.Infections, report.Cases,
                Math.Round(report.WallTime.TotalSeconds, 2));
        }

        var files = PartnerFiles.In(input!);
        var risk = FreshRiskOptions(options);
        await using var runtime = await NodeRuntime.StartAsync(options, withStorage: true, loggerFactory,
            cancellationToken, risk).ConfigureAwait(false);
        var pipelineClock = Stopwatch.StartNew();

        IReadOnlyList<Ingest.Publishing.FeedIngestResult> results;
        TableCounts counts;

        await using (new ProgressDisplay(() => runtime.Storage, () => runtime.Risk))
        {
            results = await PartnerFiles.IngestAllAsync(runtime, files, cancellationToken).ConfigureAwait(false);

            // Storage also consumes the engine's contacts and code changes, so it is only caught up after the engine.
            await runtime.WaitForRiskAsync(cancellationToken).ConfigureAwait(false);
            await runtime.WaitForStorageAsync(cancellationToken).ConfigureAwait(false);
            counts = await new TableCounter(runtime.Store!).CountAllAsync(cancellationToken).ConfigureAwait(false);
        }

        var pipelineSeconds = pipelineClock.Elapsed.TotalSeconds;
        var engine = runtime.Risk!;
        var keys = new Pseudonymiser(options.Ingest.Pepper);
        var truth = await CompanionScore.ReadTruthAsync(input!, keys, cancellationToken).ConfigureAwait(false);
        var apiSample = await SampleApiAsync(runtime, engine, files, keys, cancellationToken).ConfigureAwait(false);
        var figures = await engine.FiguresAsync(withPairs: true).ConfigureAwait(false);

        var summary = new DemoSummary
        {
            Records = FeedNames.All.ToDictionary(f => f.Name(),
                f => results.Where(r => r.Feed == f).Sum(r => r.Records)),
            DeadLetters = FeedNames.All.ToDictionary(f => f.Name(),
                f => results.Where(r => r.Feed == f).Sum(r => r.DeadLetters)),
            DeadLettersOnTopics = FeedNames.All.ToDictionary(f => f.Name(),
                f => runtime.Storage!.DeadLettersSeen.GetValueOrDefault(f)),
            ClickHouseRows = counts.Rows,
            Contacts = figures.Contacts.ToDictionary(c => RiskEvents.RuleName(c.Rule), c => c.Contacts),
            Codes = ReplayCommand.CountColours(engine.Board.Latest()),
            CodeChangesPublished = engine.Board.Accepted,
            EnginePings = figures.Pings,
            EngineRecordsLost = engine.LocalEngine?.Skipped ?? 0,
            DetectionLatency = DetectionLatency.Of(engine.Latencies()),
            CompanionTruth = truth is null ? null : CompanionScore.Of(CompanionPairs(figures), truth),
            ApiSample = apiSample,
            Input = Path.GetFullPath(input!),
            WallSeconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
            RecordsPerSecond = Math.Round(results.Sum(r => r.Records) / pipelineSeconds, 0),
            Simulated = simulated,
        };

        Print(summary, pipelineSeconds);
        WarnAboutMissingRows(summary, logger);

        if (summaryPath is not null)
        {
            await File.WriteAllTextAsync(summaryPath, summary.ToJson() + "\n", cancellationToken)
                .ConfigureAwait(false);
            logger.LogInformation("Summary written to {SummaryPath}", Path.GetFullPath(summaryPath));
        }

        return 0;
    }

    /// <summary>
    /// The risk engine of a demo run, with its API on a free port, starting empty: persons kept in the journal (or
    /// rebuilt from ClickHouse) from an earlier run would already hold their codes, so a second run on the same input
    /// would publish no changes.
    /// </summary>
    private static RiskOptions FreshRiskOptions(NodeOptions options)
    {
        var folder = Path.Combine(options.DataDirectory, "demo-risk");

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        // A new file name as well as a new folder: SQLite connections pooled by an earlier run in this process would
        // still point at the deleted file, and Akka's journal would find no tables in the new one.
        return new RiskOptions(options.Rules, EngineClock.Live(TimeProvider.System), null,
            Path.Combine(folder, $"persons-{Guid.NewGuid():N}.db"))
        {
            ApiPort = 0,
            RebuildFromHistory = false,
            EnginePartitions = options.EnginePartitions,
        };
    }

    /// <summary>Distinct (person, case) pairs the engine flags as companions.</summary>
    private static HashSet<(string Person, string Case)> CompanionPairs(EngineFigures figures) =>
        [.. figures.Pairs.Where(p => p.Rule == Rule.Companion).Select(p => (p.PersonKey, p.CaseKey))];

    /// <summary>
    /// Asks the API for the code of a case from the input, preferring a confirmed case and one the engine made red
    /// (a small input may hold only suspected cases), and prints the request and its answer; null without cases.
    /// </summary>
    private static async Task<ApiSample?> SampleApiAsync(NodeRuntime runtime, RiskRole engine,
        IReadOnlyList<(Feed Feed, string Path)> files, Pseudonymiser keys, CancellationToken cancellationToken)
    {
        var casesPath = files.Where(f => f.Feed == Feed.Cases).Select(f => f.Path).FirstOrDefault();

        if (casesPath is null || runtime.Api is null)
        {
            return null;
        }

        var cases = ApiSample.CaseIdNumbers(casesPath);
        var red = engine.Board.Latest()
            .Where(c => c.NewColour == V1.CodeColour.Red)
            .Select(c => c.PersonKey)
            .ToHashSet(StringComparer.Ordinal);
        var idNumber = cases.FirstOrDefault(id => red.Contains(keys.PersonKey(id))) ?? cases.FirstOrDefault();

        if (idNumber is null)
        {
            return null;
        }

        var sample = await ApiSample.FetchAsync(runtime.Api.Address, idNumber, cancellationToken)
            .ConfigureAwait(false);
        Console.WriteLine();
        Console.WriteLine($"GET {sample.Url}");
        Console.WriteLine(sample.Answer.GetRawText());
        return sample;
    }

    /// <summary>The table each feed's records land in.</summary>
    private static readonly IReadOnlyDictionary<Feed, string> TableOf = new Dictionary<Feed, string>
    {
        [Feed.Subscribers] = StorageTables.Subscribers,
        [Feed.Pings] = StorageTables.Pings,
        [Feed.Rail] = StorageTables.RailTrips,
        [Feed.Flights] = StorageTables.FlightTrips,
        [Feed.Cases] = StorageTables.CaseReports,
        [Feed.CaseLocations] = StorageTables.CaseLocations,
        [Feed.Declarations] = StorageTables.Declarations,
    };

    private static void WarnAboutMissingRows(DemoSummary summary, ILogger logger)
    {
        foreach (var (feed, table) in TableOf)
        {
            var records = summary.Records[feed.Name()];
            var rows = summary.ClickHouseRows.GetValueOrDefault(table);

            if (rows < records)
            {
                logger.LogWarning(
                    "ClickHouse holds {Rows} distinct {Table} rows for {Records} {Feed} records: the input repeats "
                    + "records, or some were lost", rows, table, records, feed.Name());
            }
        }

        if (summary.EngineRecordsLost > 0)
        {
            logger.LogError(
                "The risk engine never read {Lost} canonical records: the mock cluster dropped them while the engine "
                + "lagged, so its contacts are incomplete", summary.EngineRecordsLost);
        }
    }

    private static void Print(DemoSummary summary, double pipelineSeconds)
    {
        Console.WriteLine();
        Console.WriteLine($"{"feed",-16}{"records",14}{"dead letters",14}");

        foreach (var feed in FeedNames.All.Select(f => f.Name()))
        {
            Console.WriteLine($"{feed,-16}{summary.Records[feed],14:N0}{summary.DeadLetters[feed],14:N0}");
        }

        Console.WriteLine();
        Console.WriteLine($"{"ClickHouse table",-24}{"rows",14}");

        foreach (var (table, rows) in summary.ClickHouseRows)
        {
            Console.WriteLine($"{table,-24}{rows,14:N0}");
        }

        Console.WriteLine();
        Console.WriteLine($"{"contacts by rule",-24}{"pairs",14}");

        foreach (var (rule, contacts) in summary.Contacts)
        {
            Console.WriteLine($"{rule,-24}{contacts,14:N0}");
        }

        Console.WriteLine();
        Console.WriteLine("codes not green now: "
            + string.Join(", ", summary.Codes.Select(c => $"{c.Key} {c.Value:N0}")));

        Console.WriteLine($"code changes published: {summary.CodeChangesPublished:N0}; engine holds "
            + $"{summary.EnginePings:N0} pings, lost {summary.EngineRecordsLost:N0} records to the mock's retention");

        var latency = summary.DetectionLatency;
        Console.WriteLine($"detection latency over {latency.Cases:N0} case reports: p50 {latency.P50:F2} s, "
            + $"p99 {latency.P99:F2} s, max {latency.Max:F2} s");

        if (summary.CompanionTruth is { } truth)
        {
            Console.WriteLine($"companions against the simulator's truth: precision {truth.Precision:P1}, "
                + $"recall {truth.Recall:P1} ({truth.Matched:N0} matched of {truth.FlaggedPairs:N0} flagged, "
                + $"{truth.TruePairs:N0} true)");
        }

        Console.WriteLine();
        Console.WriteLine($"ingest -> Kafka -> risk engine, ClickHouse: {pipelineSeconds:F1} s, "
            + $"{summary.RecordsPerSecond:N0} records/s; "
            + $"whole run {summary.WallSeconds:F1} s");
    }
}
