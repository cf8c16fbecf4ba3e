using System.IO.Hashing;
using System.Text;
using HealthCode.Contracts.Events.V1;
using HealthCode.Contracts.Feeds;
using HealthCode.Contracts.Geo;
using HealthCode.Ingest.Parsing;

namespace HealthCode.Ingest.Tests.Parsing;

public sealed class PingCsvParserTests
{
    private const string Line = "+8613800138000,30.2741,120.1551,150,2026-11-02T08:13:05+08:00";

    [Fact]
    public void TryParse_ValidLine_GivesPseudonymisedPingInUtc()
    {
        var ping = (Ping)ParserHarness.Good(Feed.Pings, Line).Message;

        Assert.Equal("41d1c44cd4dbc506033bbbbb75a46f8b", ping.SubscriberKey);
        Assert.Equal(30.2741, ping.Lat);
        Assert.Equal(120.1551, ping.Lon);
        Assert.Equal(150f, ping.AccuracyM);
        Assert.Equal(DateTimeOffset.Parse("2026-11-02T00:13:05Z").ToUnixTimeMilliseconds(), ping.ObservedAtMs);
        Assert.Equal(new Grid().CellOf(30.2741, 120.1551).Packed, ping.Cell);
        Assert.Equal(16, ping.RecordId.Length);
    }

    [Fact]
    public void TryParse_SameLineTwice_GivesTheSameRecordId()
    {
        var first = (Ping)ParserHarness.Good(Feed.Pings, Line).Message;
        var second = (Ping)ParserHarness.Good(Feed.Pings, Line).Message;

        Assert.Equal(first.RecordId, second.RecordId);
    }

    [Fact]
    public void TryParse_OtherTime_GivesOtherRecordId()
    {
        var first = (Ping)ParserHarness.Good(Feed.Pings, Line).Message;
        var second = (Ping)ParserHarness.Good(Feed.Pings, Line.Replace("13:05", "13:06")).Message;

        Assert.NotEqual(first.RecordId, second.RecordId);
    }

    [Fact]
    public void TryParse_ColumnsReorderedWithExtraColumn_UsesHeaderNames()
    {
        var parser = ParserHarness.Parser(Feed.Pings, "observed_at,cell_id,msisdn,accuracy_m,lon,lat");
        var line = Encoding.UTF8.GetBytes("2026-11-02T08:13:05+08:00,46000-1234,+8613800138000,150,120.1551,30.2741");

        Assert.True(parser.TryParse(line, 2, out var record, out var error), error?.ToString());
        Assert.Equal(30.2741, ((Ping)record.Message).Lat);
    }

    [Fact]
    public void TryParse_QuotedFields_AreUnquoted()
    {
        var ping = (Ping)ParserHarness.Good(Feed.Pings,
            "\"+8613800138000\",\"30.2741\",120.1551,150,\"2026-11-02T08:13:05+08:00\"").Message;

        Assert.Equal(120.1551, ping.Lon);
    }

    [Fact]
    public void ReadHeader_MissingColumn_NamesIt()
    {
        var parser = FeedParsers.Create(Feed.Pings, new("p"), new Grid());

        var error = parser.ReadHeader("msisdn,lat,lon,observed_at"u8);

        Assert.Equal("accuracy_m", error?.Field);
    }

    [Theory]
    [InlineData("+8613800138000,30.2741,120.1551,150", null, "expected 5 columns, found 4")]
    [InlineData("+8613800138000,30.2741,120.1551,150,2026-11-02T08:13:05+08:00,x", null, "found 6")]
    [InlineData("8613800138000,30.2741,120.1551,150,2026-11-02T08:13:05+08:00", "msisdn", "E.164")]
    [InlineData("+86138001380001234,30.2741,120.1551,150,2026-11-02T08:13:05+08:00", "msisdn", "E.164")]
    [InlineData(",30.2741,120.1551,150,2026-11-02T08:13:05+08:00", "msisdn", "is missing")]
    [InlineData("+8613800138000,91.5,120.1551,150,2026-11-02T08:13:05+08:00", "lat", "-90 to 90")]
    [InlineData("+8613800138000,north,120.1551,150,2026-11-02T08:13:05+08:00", "lat", "-90 to 90")]
    [InlineData("+8613800138000,30.2741,181,150,2026-11-02T08:13:05+08:00", "lon", "-180 to 180")]
    [InlineData("+8613800138000,30.2741,NaN,150,2026-11-02T08:13:05+08:00", "lon", "-180 to 180")]
    [InlineData("+8613800138000,30.2741,120.1551,0,2026-11-02T08:13:05+08:00", "accuracy_m", "above 0")]
    [InlineData("+8613800138000,30.2741,120.1551,-5,2026-11-02T08:13:05+08:00", "accuracy_m", "above 0")]
    [InlineData("+8613800138000,30.2741,120.1551,150,2026-11-02T08:13:05", "observed_at", "offset")]
    [InlineData("+8613800138000,30.2741,120.1551,150,2026-02-30T08:13:05+08:00", "observed_at", "ISO-8601")]
    [InlineData("+8613800138000,30.2741,120.1551,150,yesterday", "observed_at", "ISO-8601")]
    [InlineData("\"+8613800138000,30.2741,120.1551,150,2026-11-02T08:13:05+08:00", null, "unbalanced quotes")]
    public void TryParse_BadLine_NamesFieldAndReason(string line, string? field, string reason)
    {
        var error = ParserHarness.Bad(Feed.Pings, line);

        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason + " " + error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_BadLatitude_ErrorCarriesTheValue()
    {
        var error = ParserHarness.Bad(Feed.Pings, "+8613800138000,95.1,120.1551,150,2026-11-02T08:13:05+08:00");

        Assert.Equal("95.1", error.Value);
        Assert.Equal("pings line 7: field 'lat' = '95.1': must be a latitude from -90 to 90", error.ToString());
    }

    [Fact]
    public void TryParsePing_ValidLine_GivesTheFieldsOfTryParse()
    {
        var message = (Ping)ParserHarness.Good(Feed.Pings, Line).Message;
        var parser = (PingCsvParser)ParserHarness.Parser(Feed.Pings);

        Assert.True(parser.TryParsePing(Encoding.UTF8.GetBytes(Line), 2, out var ping, out var error),
            error?.ToString());

        Assert.Equal(message.RecordId.ToByteArray(), ((ReadOnlySpan<byte>)ping.RecordId).ToArray());
        Assert.Equal(message.SubscriberKey, ping.SubscriberKey);
        Assert.Equal((message.Lat, message.Lon, message.AccuracyM), (ping.Lat, ping.Lon, ping.AccuracyM));
        Assert.Equal((message.ObservedAtMs, message.Cell), (ping.ObservedAtMs, ping.Cell));
    }

    [Fact]
    public void TryParse_ValidLine_RecordIdIsXxHash128OfFeedKeyAndFields()
    {
        var ping = (Ping)ParserHarness.Good(Feed.Pings, Line).Message;

        // The definition written out: feed byte, key in ASCII, lat, lon, accuracy, time, little-endian.
        var canonical = new List<byte> { (byte)Feed.Pings };
        canonical.AddRange(Encoding.ASCII.GetBytes(ping.SubscriberKey));
        canonical.AddRange(BitConverter.GetBytes(ping.Lat));
        canonical.AddRange(BitConverter.GetBytes(ping.Lon));
        canonical.AddRange(BitConverter.GetBytes(ping.AccuracyM));
        canonical.AddRange(BitConverter.GetBytes(ping.ObservedAtMs));

        Assert.Equal(XxHash128.Hash(canonical.ToArray()), ping.RecordId.ToByteArray());
    }
}
