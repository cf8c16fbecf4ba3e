namespace HealthCode.Risk.Cluster.Journal;

/// <summary>
/// The journaled fact that every code change up to a sequence reached the <c>code-changes</c> topic.
/// </summary>
/// <param name="UpToSequence">The highest sequence delivered; recovery republishes only what comes after.</param>
public sealed record CodeChangesPublished(long UpToSequence);
