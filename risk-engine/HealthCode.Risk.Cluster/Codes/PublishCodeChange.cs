using HealthCode.Risk.Cluster.Journal;

namespace HealthCode.Risk.Cluster.Codes;

/// <summary>
/// Asks the code publisher to put a change on the topic; answered by <see cref="CodeChangeDelivered"/>.
/// </summary>
/// <param name="PersonKey">The person whose code changed.</param>
/// <param name="Change">The change, already journaled.</param>
public sealed record PublishCodeChange(string PersonKey, CodeChanged Change);
