using HealthCode.Contracts.Feeds;
using Xunit.Abstractions;

namespace HealthCode.Ingest.Tests.Publishing;

public sealed class FeedIngestorPacingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task IngestAsync_LargeFile_AwaitsThePacingHookEveryFewThousandLines()
    {
        using var bed = await IngestTestBed.StartAsync(output, Feed.Pings);
        var file = PingFile.Valid(40_000);
        var settings = IngestTestBed.IngestSettings with { PaceEveryLines = 2_000, PingBatchSize = 1_000 };
        int calls = 0, completed = 0, overlapping = 0;

        async ValueTask PaceAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref calls) - 1 != Volatile.Read(ref completed))
            {
                Interlocked.Increment(ref overlapping);
            }

            // A real pacer waits for consumers; the delay makes a call that is not awaited overlap the next one.
            await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
            Interlocked.Increment(ref completed);
        }

        var result = await IngestTestBed.IngestAsync(bed.CreateIngestor(settings, PaceAsync), Feed.Pings,
            file.ToBytes());

        Assert.InRange(calls, 40_000 / 2_000, 40_000 / 2_000 + 2);
        Assert.Equal(calls, completed);
        Assert.Equal(0, overlapping);
        Assert.Equal(40_000, result.Records);
        var pings = PingTopic.Decode(bed.Read(Topics.Canonical(Feed.Pings)), bed.PartitionsOf("pings"),
            settings.PingBatchSize);
        Assert.Equal(40_000, pings.Count);
    }
}
