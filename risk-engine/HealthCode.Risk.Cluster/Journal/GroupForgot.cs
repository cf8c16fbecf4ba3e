namespace HealthCode.Risk.Cluster.Journal;

/// <summary>
/// The journaled fact that a group forgot these persons' facts (<see cref="Persons.PersonState.Forgotten"/>): they
/// were green and nothing they held was newer than the retention.
/// </summary>
/// <param name="PersonKeys">The persons forgotten.</param>
public sealed record GroupForgot(string[] PersonKeys);
