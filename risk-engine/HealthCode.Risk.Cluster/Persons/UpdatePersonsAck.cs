namespace HealthCode.Risk.Cluster.Persons;

/// <summary>
/// The reply to <see cref="UpdatePersons"/>: the updates are durable and the code changes they made are out.
/// </summary>
/// <param name="Group">The group.</param>
/// <param name="CodeChanges">How many colour changes the updates made.</param>
public sealed record UpdatePersonsAck(int Group, int CodeChanges);
