using HealthCode.Contracts.Feeds;
using HealthCode.Contracts.Geo;
using HealthCode.Ingest.Identity;

namespace HealthCode.Ingest.Parsing;

/// <summary>Creates the parser of each feed.</summary>
public static class FeedParsers
{
    /// <summary>A new parser for <paramref name="feed"/>; parsers keep per-file state, so use one per file.</summary>
    public static IFeedParser Create(Feed feed, Pseudonymiser pseudonymiser, Grid grid) => feed switch
    {
        Feed.Subscribers => new SubscriberParser(pseudonymiser),
        Feed.Pings => new PingCsvParser(pseudonymiser, grid),
        Feed.Rail => new RailParser(pseudonymiser),
        Feed.Flights => new FlightParser(pseudonymiser),
        Feed.Cases => new CaseParser(pseudonymiser),
        Feed.CaseLocations => new CaseLocationParser(pseudonymiser),
        Feed.Declarations => new DeclarationParser(pseudonymiser),
        _ => throw new ArgumentOutOfRangeException(nameof(feed), feed, "Unknown feed."),
    };
}
