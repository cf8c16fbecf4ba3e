namespace HealthCode.Simulator.Feeds;

/// <summary>Where a malformed line was written: feed, 1-based line number in its file, and how it is broken.</summary>
internal sealed record MalformedLine(string Feed, long Line, MalformedKind Kind);
