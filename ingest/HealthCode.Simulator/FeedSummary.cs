namespace HealthCode.Simulator;

/// <summary>Line counts of one feed file.</summary>
/// <param name="Name">The feed, one of <see cref="FeedNames"/>.</param>
/// <param name="FileName">The file in the output folder.</param>
/// <param name="ValidLines">Records that satisfy the contract (the CSV header is not counted).</param>
/// <param name="MalformedLines">Lines deliberately broken for dead-letter testing.</param>
public sealed record FeedSummary(string Name, string FileName, long ValidLines, long MalformedLines);
