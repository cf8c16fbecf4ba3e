using System.Text;
using HealthCode.Contracts.Feeds;
using Xunit.Abstractions;

namespace HealthCode.Ingest.Tests.Publishing;

public sealed class FeedIngestorJsonFeedTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(Feed.Subscribers)]
    [InlineData(Feed.Rail)]
    [InlineData(Feed.Flights)]
    [InlineData(Feed.Cases)]
    [InlineData(Feed.CaseLocations)]
    [InlineData(Feed.Declarations)]
    public async Task IngestAsync_JsonFeedWithBadLines_PublishesGoodOnesByKeyAndDeadLettersBadOnes(Feed feed)
    {
        using var bed = await IngestTestBed.StartAsync(output, feed);
        var feedCase = JsonFeedCases.For(feed);
        var file = JsonFeedFile.Build(feedCase);

        var result = await IngestTestBed.IngestAsync(bed.CreateIngestor(), feed, file.Content, "partner-1");

        Assert.Equal((JsonFeedFile.GoodLines, (long)file.DeadLetters.Count, 1L),
            (result.Records, result.DeadLetters, result.BlankLines));

        var topic = Topics.Canonical(feed);
        var partitions = bed.PartitionsOf(topic);
        var records = bed.Read(topic);
        var expected = Enumerable.Range(0, JsonFeedFile.GoodLines).Select(i =>
        {
            var person = JsonFeedFile.PersonKeyOf(i);
            var key = feedCase.ExpectedKey(i, person);
            return (key, person, KeyPartitioner.PartitionOf(key, partitions));
        });
        var actual = records.Select(r =>
            (Encoding.UTF8.GetString(r.Key!), feedCase.PersonKeyOf(r.Value), r.Partition));
        Assert.Equal(expected.Order(), actual.Order());
        Assert.True(records.Select(r => r.Partition).Distinct().Count() > 1, "every record is on one partition");

        var others = Enumerable.Range(0, JsonFeedFile.GoodLines).Select(feedCase.OtherIdentifier).OfType<string>();
        RawIdentifiers.AssertAbsent(records, JsonFeedFile.RawIds.Concat(others));

        var deadLetters = bed.ReadDeadLetters(feed);
        Assert.Equal(file.DeadLetters, deadLetters.Select(d => new ExpectedDeadLetter(d.Line, d.Field, d.Raw)));
        Assert.All(deadLetters, d => Assert.Equal((feed.Name(), "partner-1"), (d.Feed, d.Source)));
    }
}
