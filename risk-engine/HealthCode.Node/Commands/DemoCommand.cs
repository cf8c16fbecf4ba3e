using System.Diagnostics;
using HealthCode.Contracts.Feeds;
using HealthCode.Node.Cli;
using HealthCode.Node.Demo;
using HealthCode.Node.Runtime;
using HealthCode.Simulator;
using HealthCode.Storage;
using HealthCode.Storage.Schema;
using Microsoft.Extensions.Logging;

namespace HealthCode.Node.Commands;

/// <summary><c>demo</c>: simulator (or <c>--input DIR</c>) -> ingest -> Kafka -> storage, all in one process.</summary>
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
        await using var runtime = await NodeRuntime.StartAsync(options, withStorage: true, loggerFactory,
            cancellationToken).ConfigureAwait(false);
        var pipelineClock = Stopwatch.StartNew();

        IReadOnlyList<Ingest.Publishing.FeedIngestResult> results;
        TableCounts counts;

        await using (new ProgressDisplay(() => runtime.Storage))
        {
            results = await PartnerFiles.IngestAllAsync(runtime, files, cancellationToken).ConfigureAwait(false);
            await runtime.WaitForStorageAsync(cancellationToken).ConfigureAwait(false);
            counts = await new TableCounter(runtime.Store!).CountAllAsync(cancellationToken).ConfigureAwait(false);
        }

        var pipelineSeconds = pipelineClock.Elapsed.TotalSeconds;
        var summary = new DemoSummary
        {
            Records = FeedNames.All.ToDictionary(f => f.Name(),
                f => results.Where(r => r.Feed == f).Sum(r => r.Records)),
            DeadLetters = FeedNames.All.ToDictionary(f => f.Name(),
                f => results.Where(r => r.Feed == f).Sum(r => r.DeadLetters)),
            DeadLettersOnTopics = FeedNames.All.ToDictionary(f => f.Name(),
                f => runtime.Storage!.DeadLettersSeen.GetValueOrDefault(f)),
            ClickHouseRows = counts.Rows,
            Input = Path.GetFullPath(input!),
            WallSeconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
            RecordsPerSecond = Math.Round(results.Sum(r => r.Records) / pipelineSeconds, 0),
            Simulated = simulated,
        };

        Print(summary, pipelineSeconds);
        WarnAboutMissingRows(summary, logger);

        if (summaryPath is not null)
        {
            await File.WriteAllTextAsync(summaryPath, summary.ToJson() + "\n", cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Summary written to {SummaryPath}", Path.GetFullPath(summaryPath));
        }

        return 0;
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
        Console.WriteLine($"ingest -> Kafka -> ClickHouse: {pipelineSeconds:F1} s, "
            + $"{summary.RecordsPerSecond:N0} records/s; "
            + $"whole run {summary.WallSeconds:F1} s");
    }
}
