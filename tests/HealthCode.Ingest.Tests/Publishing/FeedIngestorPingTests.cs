using HealthCode.Contracts.Feeds;
using HealthCode.Ingest.Parsing;
using Xunit.Abstractions;

namespace HealthCode.Ingest.Tests.Publishing;

public sealed class FeedIngestorPingTests(ITestOutputHelper output)
{
    private const string Msisdn = "+8613800000001";

    /// <summary>One malformed line of each kind the parser knows, with the field it must blame.</summary>
    private static readonly (string Line, string? Field)[] Malformed =
    [
        ("8613800000001,30.2,120.1,50,2026-11-02T08:00:00+08:00", "msisdn"),
        (",30.2,120.1,50,2026-11-02T08:00:00+08:00", "msisdn"),
        // A full-width digit: not E.164, and its raw UTF-8 must survive into the dead letter unchanged.
        ("+86138\uFF1800000001,30.2,120.1,50,2026-11-02T08:00:00+08:00", "msisdn"),
        ($"{Msisdn},95.5,120.1,50,2026-11-02T08:00:00+08:00", "lat"),
        // NaN parses as a double, so only the finiteness check stands between it and the grid.
        ($"{Msisdn},NaN,120.1,50,2026-11-02T08:00:00+08:00", "lat"),
        ($"{Msisdn},30.2,east,50,2026-11-02T08:00:00+08:00", "lon"),
        ($"{Msisdn},30.2,120.1,0,2026-11-02T08:00:00+08:00", "accuracy_m"),
        ($"{Msisdn},30.2,120.1,250000,2026-11-02T08:00:00+08:00", "accuracy_m"),
        ($"{Msisdn},30.2,120.1,50,2026-11-02T08:00:00", "observed_at"),
        ($"{Msisdn},30.2,120.1,50,2026-02-30T08:00:00Z", "observed_at"),
        ($"{Msisdn},30.2,120.1,50", null),
        ($"{Msisdn},30.2,120.1,50,2026-11-02T08:00:00+08:00,extra", null),
        ($"\"{Msisdn},30.2,120.1,50,2026-11-02T08:00:00+08:00", null),
    ];

    [Fact]
    public async Task IngestAsync_PingsWithMalformedLines_PublishesEachValidPingOnceAndDeadLettersTheRest()
    {
        using var bed = await IngestTestBed.StartAsync(output, Feed.Pings);
        var file = MixedFile(validLines: 3000);

        var result = await IngestTestBed.IngestAsync(bed.CreateIngestor(), Feed.Pings, file.ToBytes(), "carrier-a");

        Assert.Equal((Feed.Pings, "carrier-a"), (result.Feed, result.Source));
        Assert.Equal(file.Pings.Count, result.Records);
        Assert.Equal(Malformed.Length, result.DeadLetters);
        Assert.Equal(file.BlankLines, result.BlankLines);

        // The expected pings carry Pseudonymiser.Derive(pepper, msisdn), so equality checks every subscriber key.
        var records = bed.Read(Topics.Canonical(Feed.Pings));
        var pings = PingTopic.Decode(records, bed.PartitionsOf("pings"), IngestTestBed.IngestSettings.PingBatchSize);
        Assert.Equal(PingTopic.Sorted(file.Pings), PingTopic.Content(pings));
        Assert.Equal(pings.Count, pings.Select(p => p.RecordId).Distinct().Count());
        RawIdentifiers.AssertAbsent(records, file.Msisdns.Append(Msisdn));

        var deadLetters = bed.ReadDeadLetters(Feed.Pings);
        Assert.Equal(file.DeadLetters, deadLetters.Select(d => new ExpectedDeadLetter(d.Line, d.Field, d.Raw)));
        Assert.All(deadLetters, d => Assert.Equal(("pings", "carrier-a"), (d.Feed, d.Source)));
        Assert.All(deadLetters, d => Assert.False(string.IsNullOrWhiteSpace(d.Reason)));
    }

    [Fact]
    public async Task IngestAsync_PingsHeaderLacksAColumn_DeadLettersEveryLineAndPublishesNothing()
    {
        using var bed = await IngestTestBed.StartAsync(output, Feed.Pings);
        var file = new PingFile("msisdn,lat,lon,observed_at");

        for (var i = 0; i < 50; i++)
        {
            file.AddValid(i);
        }

        file.AddBlank();

        var result = await IngestTestBed.IngestAsync(bed.CreateIngestor(), Feed.Pings, file.ToBytes());

        Assert.Equal((0L, 51L, 1L), (result.Records, result.DeadLetters, result.BlankLines));
        Assert.Empty(bed.Read(Topics.Canonical(Feed.Pings)));

        var deadLetters = bed.ReadDeadLetters(Feed.Pings);
        Assert.Equal(Enumerable.Range(1, 51).Select(n => (long)n), deadLetters.Select(d => d.Line));
        Assert.Equal(file.Lines.Take(51), deadLetters.Select(d => d.Raw));
        Assert.All(deadLetters, d => Assert.Equal("accuracy_m", d.Field));
        Assert.StartsWith("header lacks this column", deadLetters[0].Reason, StringComparison.Ordinal);
        Assert.All(deadLetters.Skip(1), d =>
            Assert.StartsWith("file header rejected: header lacks this column", d.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task IngestAsync_BadHeaderAfterBlankLine_DeadLettersTheHeaderUnderItsOwnLineNumber()
    {
        using var bed = await IngestTestBed.StartAsync(output, Feed.Pings);
        var content = "\nmsisdn,lat,lon,observed_at\n+8613800000001,30.2,120.1,50,2026-11-02T08:00:00Z\n"u8.ToArray();

        var result = await IngestTestBed.IngestAsync(bed.CreateIngestor(), Feed.Pings, content);

        Assert.Equal((0L, 2L, 1L), (result.Records, result.DeadLetters, result.BlankLines));
        Assert.Equal([2L, 3L], bed.ReadDeadLetters(Feed.Pings).Select(d => d.Line));
    }

    [Fact]
    public async Task IngestAsync_PingLineOverOneMebibyte_DeadLettersItAndPublishesTheRest()
    {
        using var bed = await IngestTestBed.StartAsync(output, Feed.Pings);
        var file = PingFile.Valid(20);
        file.AddMalformed($"{Msisdn},30.2,120.1,50," + new string('9', LineReader.MaxLineBytes + 100), null);
        file.AddMalformed("x,30.2,120.1,50,2026-11-02T08:00:00Z", "msisdn");

        var result = await IngestTestBed.IngestAsync(bed.CreateIngestor(), Feed.Pings, file.ToBytes());

        Assert.Equal((20L, 2L), (result.Records, result.DeadLetters));
        var deadLetters = bed.ReadDeadLetters(Feed.Pings);
        Assert.Equal([22L, 23L], deadLetters.Select(d => d.Line));
        Assert.Equal("line longer than 1 MiB", deadLetters[0].Reason);
        Assert.Equal(file.Lines[^1], deadLetters[1].Raw);
    }

    /// <summary>Valid lines with the malformed ones, two blank and a few quoted lines spread among them.</summary>
    private static PingFile MixedFile(int validLines)
    {
        var file = new PingFile();
        var every = validLines / (Malformed.Length + 1);

        for (var i = 0; i < validLines; i++)
        {
            file.AddValid(i, quoted: i % 500 == 7);

            if (i % every == every - 1 && i / every < Malformed.Length)
            {
                file.AddMalformed(Malformed[i / every].Line, Malformed[i / every].Field);
            }

            if (i == 1000 || i == 2000)
            {
                file.AddBlank(i == 1000 ? "" : "   ");
            }
        }

        return file;
    }
}
