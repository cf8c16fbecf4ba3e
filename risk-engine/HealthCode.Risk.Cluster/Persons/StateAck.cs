namespace HealthCode.Risk.Cluster.Persons;

/// <summary>The reply to <see cref="GetState"/>: the state and how this incarnation recovered it.</summary>
/// <param name="PersonKey">The person's key.</param>
/// <param name="State">The state built from the snapshot and the journaled events.</param>
/// <param name="LastSequenceNr">The sequence number of the last journaled event.</param>
/// <param name="SnapshotSequenceNr">The sequence number of the snapshot recovery started from; 0 when none.</param>
/// <param name="ReplayedEvents">How many events recovery replayed on top of that snapshot.</param>
public sealed record StateAck(
    string PersonKey,
    PersonState State,
    long LastSequenceNr,
    long SnapshotSequenceNr,
    int ReplayedEvents);
