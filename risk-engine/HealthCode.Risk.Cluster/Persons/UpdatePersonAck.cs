namespace HealthCode.Risk.Cluster.Persons;

/// <summary>
/// The reply to <see cref="UpdatePerson"/>: the update is durable and any code change it made is out.
/// </summary>
/// <param name="PersonKey">The person.</param>
/// <param name="Sequence">The person's latest code-change sequence after the update.</param>
public sealed record UpdatePersonAck(string PersonKey, long Sequence);
