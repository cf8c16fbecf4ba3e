using HealthCode.Contracts.Feeds;
using HealthCode.Ingest.Publishing;

namespace HealthCode.Node.Runtime;

/// <summary>
/// Finds the partner files of a folder (<c>&lt;feed&gt;.jsonl</c>, <c>pings.csv</c>) and ingests them.
/// </summary>
internal static class PartnerFiles
{
    public static IReadOnlyList<(Feed Feed, string Path)> In(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"input folder {directory} does not exist");
        }

        var files = FeedNames.All
            .Select(feed => (Feed: feed, Path: Path.Combine(directory, feed.FileName())))
            .Where(file => File.Exists(file.Path))
            .ToList();

        return files.Count > 0
            ? files
            : throw new FileNotFoundException(
                $"{directory} holds no partner file; expected names like pings.csv and cases.jsonl");
    }

    /// <summary>Ingests every file at once, one ingestor each; returns their results in feed order.</summary>
    public static async Task<IReadOnlyList<FeedIngestResult>> IngestAllAsync(NodeRuntime runtime,
        IReadOnlyList<(Feed Feed, string Path)> files, CancellationToken cancellationToken)
    {
        var tasks = files.Select(file => Task.Run(async () =>
        {
            await using var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read,
                1 << 16, FileOptions.SequentialScan);
            return await runtime.CreateIngestor(file.Feed)
                .IngestAsync(file.Feed, stream, Path.GetFileName(file.Path), cancellationToken)
                .ConfigureAwait(false);
        }, cancellationToken));

        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }
}
