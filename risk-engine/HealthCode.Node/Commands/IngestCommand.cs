using HealthCode.Contracts.Feeds;
using HealthCode.Node.Cli;
using HealthCode.Node.Runtime;
using Microsoft.Extensions.Logging;

namespace HealthCode.Node.Commands;

/// <summary><c>ingest --feed NAME --file PATH</c>: publishes one partner file.</summary>
/// <remarks>
/// With <c>--bootstrap</c> (or <c>kafka.bootstrapServers</c>) it only publishes, for the storage role of running
/// nodes to pick up. Without one it starts the embedded infrastructure and stores the file too, since records
/// published to an in-process mock cluster would otherwise vanish with the process.
/// </remarks>
internal static class IngestCommand
{
    public static async Task<int> RunAsync(CommandLine commandLine, ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var feedName = commandLine.RequiredText("feed");
        var path = commandLine.RequiredText("file");
        var options = NodeOptionsLoader.Load(commandLine, loggerFactory.CreateLogger("HealthCode.Node"));
        commandLine.RejectUnknown();

        if (!FeedNames.TryParse(feedName, out var feed))
        {
            throw new UsageException(
                $"unknown feed '{feedName}'; feeds are {string.Join(", ", FeedNames.All.Select(f => f.Name()))}");
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"file {path} does not exist");
        }

        await using var runtime = await NodeRuntime.StartAsync(options, withStorage: options.Kafka.IsEmbedded,
            loggerFactory, cancellationToken).ConfigureAwait(false);
        var result = (await PartnerFiles.IngestAllAsync(runtime, [(feed, path)], cancellationToken)
            .ConfigureAwait(false))[0];

        if (runtime.Storage is not null)
        {
            await runtime.WaitForStorageAsync(cancellationToken).ConfigureAwait(false);
        }

        Console.WriteLine($"{feed.Name()}: {result.Records:N0} records to {Topics.Canonical(feed)}, "
            + $"{result.DeadLetters:N0} dead letters to {Topics.DeadLetter(feed)}, "
            + $"{result.Elapsed.TotalSeconds:F1} s");
        return 0;
    }
}
