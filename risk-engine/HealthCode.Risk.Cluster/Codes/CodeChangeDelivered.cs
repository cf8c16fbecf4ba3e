namespace HealthCode.Risk.Cluster.Codes;

/// <summary>
/// The publisher's reply: the change is on the <c>code-changes</c> topic (acknowledged by all replicas).
/// </summary>
/// <param name="PersonKey">The person.</param>
/// <param name="Sequence">The change's sequence.</param>
public sealed record CodeChangeDelivered(string PersonKey, long Sequence);
