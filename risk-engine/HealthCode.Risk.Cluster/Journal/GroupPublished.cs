namespace HealthCode.Risk.Cluster.Journal;

/// <summary>The journaled fact that the code changes of one of the group's rounds reached the topic.</summary>
/// <param name="Persons">The highest delivered sequence of each person of the round.</param>
public sealed record GroupPublished(PublishedUpTo[] Persons);
