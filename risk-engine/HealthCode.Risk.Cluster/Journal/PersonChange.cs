namespace HealthCode.Risk.Cluster.Journal;

/// <summary>One person's part of a <see cref="GroupChanged"/> event.</summary>
/// <param name="PersonKey">The person.</param>
/// <param name="Changed">The person's new facts and the code change they made.</param>
public sealed record PersonChange(string PersonKey, PersonChanged Changed);
