using HealthCode.Contracts.Feeds;
using HealthCode.Ingest.Parsing;

namespace HealthCode.Ingest.Publishing;

/// <summary>The state of one file being ingested: its parser, counts and pending ping batches.</summary>
internal sealed class FeedRun(Feed feed, string source, IFeedParser parser, int partitions, int pingBatchSize)
{
    public Feed Feed { get; } = feed;

    public string Source { get; } = source;

    public string Topic { get; } = Topics.Canonical(feed);

    public IFeedParser Parser { get; } = parser;

    public int Partitions { get; } = partitions;

    /// <summary>The ping batches being filled, one per partition of the topic.</summary>
    public PingPartitions PingBatches { get; } = new(partitions, pingBatchSize);

    /// <summary>The parser as the ping fast path, when this is a ping file.</summary>
    public PingCsvParser? PingParser { get; } = parser as PingCsvParser;

    public bool HeaderRead { get; set; }

    public ParseError? HeaderError { get; set; }

    public long Records { get; set; }

    public long DeadLetters { get; set; }

    public long BlankLines { get; set; }
}
