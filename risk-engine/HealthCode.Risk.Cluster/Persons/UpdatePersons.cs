namespace HealthCode.Risk.Cluster.Persons;

/// <summary>
/// Updates for persons of one group; answered by <see cref="UpdatePersonsAck"/> once every change they make is
/// journaled and every code change among them is on the topic.
/// </summary>
/// <param name="Group">The group all <paramref name="Updates"/> belong to (<see cref="PersonGroups.Of"/>).</param>
/// <param name="Updates">The updates, one or more per person.</param>
public sealed record UpdatePersons(int Group, UpdatePerson[] Updates);
