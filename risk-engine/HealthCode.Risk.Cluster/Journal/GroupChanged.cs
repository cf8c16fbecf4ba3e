using System.Text.Json.Serialization;

namespace HealthCode.Risk.Cluster.Journal;

/// <summary>
/// The one journal event of a group's update: what changed for each of its persons that the update touched, and
/// which earlier code changes of the group have reached the topic since its last event.
/// </summary>
/// <remarks>
/// One event for all of them is the point of grouping persons: a new case changes thousands of codes at once, and
/// an event (and a recovery) per person cost the journal's round trips for each of them (docs/PERFORMANCE.md).
/// The deliveries ride along for the same reason: journaled on their own, they were an event per group and case
/// as well, half of the journal's writes while a case's changes waited for it.
/// </remarks>
/// <param name="Changes">One entry per person, in the order of the update.</param>
/// <param name="Published">
/// The highest delivered sequence of each person whose delivery was not journaled yet, applied before the changes;
/// null when there is none (and in every event written before deliveries rode along).
/// </param>
public sealed record GroupChanged(
    PersonChange[] Changes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PublishedUpTo[]? Published = null);
