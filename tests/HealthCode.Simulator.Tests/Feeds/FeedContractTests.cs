using System.Text;
using HealthCode.Simulator.Tests.Support;

namespace HealthCode.Simulator.Tests.Feeds;

[Collection(SimulationCollection.Name)]
public sealed class FeedContractTests
{
    private readonly SimulationFixture _fixture;

    public FeedContractTests(SimulationFixture fixture)
    {
        _fixture = fixture;
    }

    public static TheoryData<string> Feeds => [.. FeedNames.All];

    [Theory]
    [MemberData(nameof(Feeds))]
    public void Feed_EveryLine_ValidExactlyWhenNotCountedAsMalformed(string feed)
    {
        var lines = _fixture.Lines[feed];
        var first = feed == FeedNames.Pings ? 2 : 1;
        var invalid = new HashSet<long>();

        for (var number = first; number <= lines.Length; number++)
        {
            if (FeedContract.Problem(feed, lines[number - 1]) is not null)
            {
                invalid.Add(number);
            }
        }

        Assert.Equal(_fixture.Malformed[feed].Order(), invalid.Order());
        Assert.Equal(SimulationFixture.Settings.MalformedPerFeed, invalid.Count);
    }

    [Fact]
    public void Pings_Header_NamesTheContractColumns()
    {
        Assert.Equal("msisdn,lat,lon,accuracy_m,observed_at", _fixture.Lines[FeedNames.Pings][0]);
    }

    [Theory]
    [MemberData(nameof(Feeds))]
    public void Feed_File_IsUtf8WithOneRecordPerLine(string feed)
    {
        var bytes = File.ReadAllBytes(Path.Combine(_fixture.Directory, FeedNames.FileName(feed)));
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        var text = strict.GetString(bytes);

        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.DoesNotContain(_fixture.Lines[feed], string.IsNullOrWhiteSpace);
    }

    [Fact]
    public void MalformedLines_EachFeed_UseSeveralKinds()
    {
        var kinds = _fixture.ReadJsonLines("truth/malformed.jsonl")
            .GroupBy(r => r.GetProperty("feed").GetString()!)
            .ToDictionary(g => g.Key, g => g.Select(r => r.GetProperty("kind").GetString()).Distinct().Count());

        Assert.All(FeedNames.All, feed => Assert.True(kinds[feed] >= 6, $"{feed} has {kinds[feed]} kinds"));
    }

    [Fact]
    public void Timestamps_AllFeeds_CarryTheCityOffset()
    {
        var stamps = _fixture.ValidPings().Take(1000).Select(p => p[4])
            .Concat(_fixture.Valid(FeedNames.Subscribers).Select(r => r.GetProperty("registered_at").GetString()!))
            .Concat(_fixture.Valid(FeedNames.Cases).Select(r => r.GetProperty("reported_at").GetString()!));

        Assert.All(stamps, s => Assert.EndsWith("+08:00", s, StringComparison.Ordinal));
    }
}
