using HealthCode.Risk.Codes;

namespace HealthCode.Risk.Cluster.Persons;

/// <summary>The reply to <see cref="GetCode"/>.</summary>
/// <param name="PersonKey">The person.</param>
/// <param name="Code">The code at the engine clock's now, with its evidence.</param>
/// <param name="Sequence">The person's latest code-change sequence.</param>
public sealed record CodeAck(string PersonKey, CodeState Code, long Sequence);
