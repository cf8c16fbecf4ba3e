namespace HealthCode.Risk.Cluster.Journal;

/// <summary>Every code change of a person up to a sequence is on the <c>code-changes</c> topic.</summary>
/// <param name="PersonKey">The person.</param>
/// <param name="UpToSequence">The highest sequence delivered; recovery republishes only what comes after.</param>
public sealed record PublishedUpTo(string PersonKey, long UpToSequence);
