namespace HealthCode.Risk.Cluster.Persons;

/// <summary>Asks a person for its current state; answered by <see cref="StateAck"/>.</summary>
/// <param name="PersonKey">The person's key.</param>
public sealed record GetState(string PersonKey) : IPersonMessage;
