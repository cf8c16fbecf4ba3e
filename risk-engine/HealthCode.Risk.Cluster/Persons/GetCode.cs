namespace HealthCode.Risk.Cluster.Persons;

/// <summary>Asks a person for its code at the engine clock's now; answered by <see cref="CodeAck"/>.</summary>
/// <param name="PersonKey">The person.</param>
public sealed record GetCode(string PersonKey) : IPersonMessage;
