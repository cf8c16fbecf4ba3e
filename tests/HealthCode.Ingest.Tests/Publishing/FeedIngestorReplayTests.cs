using HealthCode.Contracts.Feeds;
using Xunit.Abstractions;

namespace HealthCode.Ingest.Tests.Publishing;

public sealed class FeedIngestorReplayTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(Feed.Pings)]
    [InlineData(Feed.Rail)]
    [InlineData(Feed.Declarations)]
    public async Task IngestAsync_SameFileTwice_PublishesTheSameRecordIds(Feed feed)
    {
        using var bed = await IngestTestBed.StartAsync(output, feed);
        var topic = Topics.Canonical(feed);
        var partitions = bed.PartitionsOf(topic);
        var content = feed == Feed.Pings
            ? PingFile.Valid(2_000).ToBytes()
            : JsonFeedFile.Build(JsonFeedCases.For(feed)).Content;

        // A fresh ingestor each time, as after a restart: nothing may depend on state kept between files.
        await IngestTestBed.IngestAsync(bed.CreateIngestor(), feed, content, "first-delivery");
        var first = bed.Read(topic);
        await IngestTestBed.IngestAsync(bed.CreateIngestor(), feed, content, "second-delivery");
        var firstPositions = first.Select(r => (r.Partition, r.Offset)).ToHashSet();
        var second = bed.Read(topic).Where(r => !firstPositions.Contains((r.Partition, r.Offset))).ToList();

        var firstIds = RecordIdsOf.Records(feed, first, partitions);
        var secondIds = RecordIdsOf.Records(feed, second, partitions);
        Assert.Equal(firstIds.Count, firstIds.Distinct().Count());
        Assert.Equal(firstIds.Order(StringComparer.Ordinal), secondIds.Order(StringComparer.Ordinal));
    }
}
