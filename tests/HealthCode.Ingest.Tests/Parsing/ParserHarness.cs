using System.Text;
using HealthCode.Contracts.Feeds;
using HealthCode.Contracts.Geo;
using HealthCode.Ingest.Identity;
using HealthCode.Ingest.Parsing;

namespace HealthCode.Ingest.Tests.Parsing;

/// <summary>Parses single lines of a feed the way ingest does, for tests.</summary>
internal static class ParserHarness
{
    public const string Pepper = "test-pepper";

    public const string PingHeader = "msisdn,lat,lon,accuracy_m,observed_at";

    public static IFeedParser Parser(Feed feed, string? header = null)
    {
        var parser = FeedParsers.Create(feed, new Pseudonymiser(Pepper), new Grid());

        if (parser.HasHeader)
        {
            Assert.Null(parser.ReadHeader(Encoding.UTF8.GetBytes(header ?? PingHeader)));
        }

        return parser;
    }

    public static ParsedRecord Good(Feed feed, string line)
    {
        var ok = Parser(feed).TryParse(Encoding.UTF8.GetBytes(line), 2, out var record, out var error);

        Assert.True(ok, error?.ToString());
        return record;
    }

    public static ParseError Bad(Feed feed, string line)
    {
        var ok = Parser(feed).TryParse(Encoding.UTF8.GetBytes(line), 7, out _, out var error);

        Assert.False(ok, "line was accepted: " + line);
        Assert.NotNull(error);
        Assert.Equal(feed, error.Feed);
        Assert.Equal(7, error.Line);
        return error;
    }
}
