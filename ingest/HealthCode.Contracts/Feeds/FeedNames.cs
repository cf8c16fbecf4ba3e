namespace HealthCode.Contracts.Feeds;

/// <summary>The names partners, files, topics and summaries use for each feed.</summary>
public static class FeedNames
{
    private static readonly Feed[] AllFeeds = Enum.GetValues<Feed>();

    /// <summary>Every feed, in contract order.</summary>
    public static IReadOnlyList<Feed> All => AllFeeds;

    /// <summary>The feed's contract name, e.g. <c>case_locations</c>.</summary>
    public static string Name(this Feed feed) => feed switch
    {
        Feed.Subscribers => "subscribers",
        Feed.Pings => "pings",
        Feed.Rail => "rail",
        Feed.Flights => "flights",
        Feed.Cases => "cases",
        Feed.CaseLocations => "case_locations",
        Feed.Declarations => "declarations",
        _ => throw new ArgumentOutOfRangeException(nameof(feed), feed, "Unknown feed."),
    };

    /// <summary>The partner file name of the feed: <c>pings.csv</c>, otherwise <c>NAME.jsonl</c>.</summary>
    public static string FileName(this Feed feed) => feed == Feed.Pings ? "pings.csv" : feed.Name() + ".jsonl";

    /// <summary>Parses a contract name; returns false for anything else.</summary>
    public static bool TryParse(string? name, out Feed feed)
    {
        foreach (var candidate in AllFeeds)
        {
            if (string.Equals(candidate.Name(), name, StringComparison.Ordinal))
            {
                feed = candidate;
                return true;
            }
        }

        feed = default;
        return false;
    }
}
