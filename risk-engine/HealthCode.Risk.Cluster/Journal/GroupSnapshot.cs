using HealthCode.Risk.Cluster.Persons;

namespace HealthCode.Risk.Cluster.Journal;

/// <summary>The snapshot of a person group: the state of every person it holds.</summary>
/// <param name="Persons">The persons and their states, in key order.</param>
public sealed record GroupSnapshot(KeyedPersonState[] Persons);
