using HealthCode.Risk.Cluster.Persons;

namespace HealthCode.Risk.Cluster.Journal;

/// <summary>A person's state under its key, as a group's snapshot holds it.</summary>
/// <param name="PersonKey">The person.</param>
/// <param name="State">What the group knows of the person.</param>
public sealed record KeyedPersonState(string PersonKey, PersonState State);
