using HealthCode.Risk.Engine.Partitions;

namespace HealthCode.Risk.Cluster.Persons;

/// <summary>Which group holds a person, and an engine step's updates cut into one message per group.</summary>
/// <remarks>
/// The group comes from the same FNV-1a hash as the engine's partitions, so every node agrees; with as many groups
/// as a multiple of the partitions, each group's persons all live in one partition.
/// </remarks>
public static class PersonGroups
{
    /// <summary>
    /// Persons per message to a group: a rebuild updates every person at once, and one message (and the journal
    /// event it makes) per group would outgrow the remote frame of 4 MB with the flags' evidence.
    /// </summary>
    public const int PersonsPerMessage = 64;

    /// <summary>The group of <paramref name="personKey"/> among <paramref name="groups"/>.</summary>
    public static int Of(string personKey, int groups) => PartitionMap.Of(personKey, groups);

    /// <summary>The entity id of group <paramref name="group"/>.</summary>
    public static string EntityId(int group) => group.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The updates as messages to their groups, at most <paramref name="perMessage"/> persons each, so that no
    /// message (nor the journal event it makes) outgrows the remote frame.
    /// </summary>
    public static IReadOnlyList<UpdatePersons> Batch(IEnumerable<UpdatePerson> updates, int groups, int perMessage)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perMessage, 1);

        return
        [
            .. updates
                .GroupBy(u => Of(u.PersonKey, groups))
                .OrderBy(g => g.Key)
                .SelectMany(g => g.Chunk(perMessage).Select(chunk => new UpdatePersons(g.Key, chunk))),
        ];
    }
}
