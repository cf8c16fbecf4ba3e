using HealthCode.Contracts.Feeds;

namespace HealthCode.Ingest.Publishing;

/// <summary>What one partner file gave: valid records published, lines dead-lettered, blank lines skipped.</summary>
public sealed record FeedIngestResult(Feed Feed, string Source, long Records, long DeadLetters, long BlankLines,
    TimeSpan Elapsed);
