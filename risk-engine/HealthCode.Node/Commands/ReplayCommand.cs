using System.Globalization;
using HealthCode.Contracts.Feeds;
using HealthCode.Node.Cli;
using HealthCode.Node.Replay;
using HealthCode.Node.Risk;
using HealthCode.Node.Runtime;
using HealthCode.Risk.Cluster.Codes;
using Microsoft.Extensions.Logging;
using V1 = HealthCode.Contracts.Events.V1;

namespace HealthCode.Node.Commands;

/// <summary>
/// <c>replay</c>: every partner file of a folder through ingest -> Kafka -> engine at a given now, then one line per
/// person whose code is not green.
/// </summary>
/// <remarks>
/// Each replay starts from nothing: Kafka is a new mock cluster and the person journal lives in a fresh folder that
/// is deleted afterwards, so two replays of the same records give the same output, whatever ran before. ClickHouse
/// is not started: codes need only the engine, and chDB allows one data folder per process.
/// </remarks>
internal static class ReplayCommand
{
    public static async Task<int> RunAsync(CommandLine commandLine, ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger("HealthCode.Node.Replay");
        var input = commandLine.RequiredText("input");
        var now = ParseNow(commandLine.RequiredText("now"));
        commandLine.RequiredText("pepper");
        var outPath = commandLine.RequiredText("out");
        var summaryPath = commandLine.Text("summary");
        var loaded = NodeOptionsLoader.Load(commandLine, logger);
        commandLine.RejectUnknown();

        var files = PartnerFiles.In(input);
        var scratch = Path.Combine(Path.GetTempPath(), "healthcode-replay-" + Guid.NewGuid().ToString("N"));
        var options = loaded with { DataDirectory = scratch };
        // A replay starts from nothing: no rebuild from whatever ClickHouse holds in the data directory.
        var risk = new RiskOptions(loaded.Rules, EngineClock.Fixed(now), now,
            Path.Combine(scratch, "risk", "persons.db"))
        {
            RebuildFromHistory = false,
            EnginePartitions = loaded.EnginePartitions,
        };

        try
        {
            var (summary, lines) = await ReplayAsync(options, risk, files, now, loggerFactory, cancellationToken)
                .ConfigureAwait(false);

            await File.WriteAllTextAsync(outPath, lines, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Replay at {Now}: {Persons} persons not green, written to {OutPath}",
                CodeLines.Timestamp(now.ToUnixTimeMilliseconds()), summary.Codes.Where(c => c.Key != "green")
                    .Sum(c => c.Value), Path.GetFullPath(outPath));

            if (summaryPath is not null)
            {
                await File.WriteAllTextAsync(summaryPath, summary.ToJson() + "\n", cancellationToken)
                    .ConfigureAwait(false);
            }

            return 0;
        }
        finally
        {
            TryDelete(scratch, logger);
        }
    }

    /// <summary>Runs the pipeline to completion and returns the summary and the output lines.</summary>
    internal static async Task<(ReplaySummary Summary, string Lines)> ReplayAsync(NodeOptions options,
        RiskOptions risk, IReadOnlyList<(Feed Feed, string Path)> files, DateTimeOffset now,
        ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        await using var runtime = await NodeRuntime.StartAsync(options, withStorage: false, loggerFactory,
            cancellationToken, risk).ConfigureAwait(false);

        var results = await PartnerFiles.IngestAllAsync(runtime, files, cancellationToken).ConfigureAwait(false);
        await runtime.WaitForRiskAsync(cancellationToken).ConfigureAwait(false);

        // The board holds each person's latest colour change; valid-until and evidence may have moved since under
        // the same colour, so the lines come from the person groups themselves.
        var latest = runtime.Risk!.Board.Latest();
        var codes = await runtime.Risk.CodesOfAsync(
            latest.Where(c => c.NewColour != V1.CodeColour.Green).Select(c => c.PersonKey)).ConfigureAwait(false);
        var figures = await runtime.Risk.FiguresAsync().ConfigureAwait(false);
        var summary = new ReplaySummary
        {
            Now = CodeLines.Timestamp(now.ToUnixTimeMilliseconds()),
            Records = FeedNames.All.ToDictionary(f => f.Name(),
                f => results.Where(r => r.Feed == f).Sum(r => r.Records)),
            DeadLetters = FeedNames.All.ToDictionary(f => f.Name(),
                f => results.Where(r => r.Feed == f).Sum(r => r.DeadLetters)),
            AfterNow = runtime.Risk.BeyondHorizon(),
            EnginePings = figures.Pings,
            Contacts = figures.Contacts.ToDictionary(c => RiskEvents.RuleName(c.Rule), c => c.Contacts),
            Codes = CountColours(latest),
        };

        return (summary, CodeLines.Format(codes));
    }

    /// <summary>Persons not green, by colour, from the latest change of each.</summary>
    /// <remarks>
    /// Green is not counted: a person who is green at now may have had a change or not, depending on the order
    /// the records came in (a flag raised and then withdrawn by a late ping), and the counts must not depend on it.
    /// </remarks>
    internal static IReadOnlyDictionary<string, int> CountColours(IEnumerable<V1.CodeChange> latest)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal)
        {
            ["red"] = 0,
            ["yellow"] = 0,
        };

        foreach (var change in latest)
        {
            if (change.NewColour == V1.CodeColour.Red)
            {
                counts["red"]++;
            }
            else if (change.NewColour == V1.CodeColour.Yellow)
            {
                counts["yellow"]++;
            }
        }

        return counts;
    }

    private static DateTimeOffset ParseNow(string text)
    {
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var now)
            || !text.Contains('T', StringComparison.Ordinal))
        {
            throw new UsageException($"--now must be an ISO-8601 timestamp with an offset, not '{text}'");
        }

        return now;
    }

    private static void TryDelete(string directory, ILogger logger)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException ex)
        {
            logger.LogWarning("Replay scratch folder {Directory} not removed: {Reason}", directory, ex.Message);
        }
    }
}
