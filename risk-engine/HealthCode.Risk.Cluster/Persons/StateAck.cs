namespace HealthCode.Risk.Cluster.Persons;

/// <summary>The reply to <see cref="GetState"/>: the state and the journal position it was built to.</summary>
/// <param name="PersonKey">The person's key.</param>
/// <param name="State">The state built from the snapshot and the journaled events.</param>
/// <param name="LastSequenceNr">The sequence number of the last journaled event.</param>
public sealed record StateAck(string PersonKey, PersonState State, long LastSequenceNr);
