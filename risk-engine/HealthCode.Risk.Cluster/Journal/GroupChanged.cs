namespace HealthCode.Risk.Cluster.Journal;

/// <summary>
/// The one journal event of a group's update: what changed for each of its persons that the update touched.
/// </summary>
/// <remarks>
/// One event for all of them is the point of grouping persons: a new case changes thousands of codes at once, and
/// an event (and a recovery) per person cost the journal's round trips for each of them (docs/PERFORMANCE.md).
/// </remarks>
/// <param name="Changes">One entry per person, in the order of the update.</param>
public sealed record GroupChanged(PersonChange[] Changes);
