using HealthCode.Contracts.Feeds;
using Xunit.Abstractions;

namespace HealthCode.Ingest.Tests.Publishing;

public sealed class FeedIngestorBrokerFailureTests(ITestOutputHelper output)
{
    private const int ValidLines = 20_000;

    /// <summary>Small batches, paced often, so that many produce requests are in flight at the outage.</summary>
    private static readonly Ingest.Publishing.IngestSettings Settings =
        IngestTestBed.IngestSettings with { PaceEveryLines = 1_000, PingBatchSize = 50 };

    [Fact]
    public async Task IngestAsync_LeaderBrokerDownMidFile_PublishesEachValidLineExactlyOnce()
    {
        using var bed = await IngestTestBed.StartAsync(output, Feed.Pings);
        var file = FileWithDeadLetters();
        var outage = new LeaderOutage(bed.Cluster, bed.LeaderOf(Topics.Canonical(Feed.Pings), 0), atPaceCall: 5);

        var (records, deadLetters) = await IngestThroughAsync(bed, file, outage);

        var pings = PingTopic.Decode(records, bed.PartitionsOf("pings"), Settings.PingBatchSize);
        Assert.Equal(ValidLines, pings.Count);
        Assert.Equal(PingTopic.Sorted(file.Pings), PingTopic.Content(pings));
        Assert.Equal(records.Count, records.Select(r => Convert.ToBase64String(r.Value)).Distinct().Count());
        Assert.Equal(file.DeadLetters, deadLetters.Select(d => new ExpectedDeadLetter(d.Line, d.Field, d.Raw)));
    }

    [Fact]
    public async Task IngestAsync_LeaderDownOwingAcks_LosesNothingAndRepeatsOnlyWholeRecords()
    {
        // The producer sends the unacknowledged batches again under the same sequence numbers, which a real broker
        // would drop; librdkafka's mock checks sequences for transactional producers only, so here they are stored
        // twice. What must hold on any cluster: nothing is lost, and a repeat is a whole record with the same
        // record ids, which the idempotent writers downstream absorb.
        using var bed = await IngestTestBed.StartAsync(output, Feed.Pings);
        var file = FileWithDeadLetters();
        var outage = new LeaderOutage(bed.Cluster, bed.LeaderOf(Topics.Canonical(Feed.Pings), 0), atPaceCall: 5,
            loseAcks: true);

        var (records, deadLetters) = await IngestThroughAsync(bed, file, outage);

        var distinct = records.DistinctBy(r => Convert.ToBase64String(r.Value)).ToList();
        var pings = PingTopic.Decode(distinct, bed.PartitionsOf("pings"), Settings.PingBatchSize);
        Assert.Equal(PingTopic.Sorted(file.Pings), PingTopic.Content(pings));
        Assert.Equal(file.DeadLetters,
            deadLetters.Distinct().Select(d => new ExpectedDeadLetter(d.Line, d.Field, d.Raw)));
        output.WriteLine($"{records.Count - distinct.Count} of {records.Count} records were stored twice");
    }

    /// <summary>Ingests the file through the outage and reads back both topics of the feed.</summary>
    private static async Task<(IReadOnlyList<ConsumedRecord> Records, IReadOnlyList<DeadLetterRecord> DeadLetters)>
        IngestThroughAsync(IngestTestBed bed, PingFile file, LeaderOutage outage)
    {
        var ingestor = bed.CreateIngestor(Settings, outage.PaceAsync);

        var result = await IngestTestBed.IngestAsync(ingestor, Feed.Pings, file.ToBytes());
        await outage.Ended;

        Assert.True(outage.Began, "the broker was never taken down");
        Assert.Equal((ValidLines, 3L), (result.Records, result.DeadLetters));
        return (bed.Read(Topics.Canonical(Feed.Pings)), bed.ReadDeadLetters(Feed.Pings));
    }

    /// <summary>Valid pings with dead letters before and during the outage, so both topics meet it.</summary>
    private static PingFile FileWithDeadLetters()
    {
        var file = new PingFile();

        for (var i = 0; i < ValidLines; i++)
        {
            file.AddValid(i);

            if (i is 100 or 9_000 or 15_000)
            {
                file.AddMalformed($"+86138{i},95,120,50,2026-11-02T08:00:00Z", "lat");
            }
        }

        return file;
    }
}
