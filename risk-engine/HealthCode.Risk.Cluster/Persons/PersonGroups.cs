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
    /// Persons per message to a group at most: a rebuild updates every person at once, and one message (and the
    /// journal event it makes) per group would outgrow the remote frame of 4 MB.
    /// </summary>
    public const int PersonsPerMessage = 64;

    /// <summary>
    /// Record ids per message at most, counted over the flags' evidence (about 35 bytes each once serialized): a
    /// person near many cases carries hundreds of flags, so a message is cut by its evidence as well as by persons.
    /// </summary>
    public const int RecordIdsPerMessage = 40_000;

    /// <summary>The group of <paramref name="personKey"/> among <paramref name="groups"/>.</summary>
    public static int Of(string personKey, int groups) => PartitionMap.Of(personKey, groups);

    /// <summary>The entity id of group <paramref name="group"/>.</summary>
    public static string EntityId(int group) => group.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The updates as messages to their groups, each with at most <paramref name="perMessage"/> persons and, unless
    /// a single person has more, <see cref="RecordIdsPerMessage"/> record ids, so that no message (nor the journal
    /// event it makes) outgrows the remote frame.
    /// </summary>
    public static IReadOnlyList<UpdatePersons> Batch(IEnumerable<UpdatePerson> updates, int groups, int perMessage)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perMessage, 1);

        var messages = new List<UpdatePersons>();
        foreach (var group in updates.GroupBy(u => Of(u.PersonKey, groups)).OrderBy(g => g.Key))
        {
            var batch = new List<UpdatePerson>();
            var recordIds = 0;
            foreach (var update in group)
            {
                var weight = update.Flags?.Sum(f => f.Evidence.RecordIds.Count) ?? 0;
                if (batch.Count > 0 && (batch.Count == perMessage || recordIds + weight > RecordIdsPerMessage))
                {
                    messages.Add(new UpdatePersons(group.Key, [.. batch]));
                    batch.Clear();
                    recordIds = 0;
                }

                batch.Add(update);
                recordIds += weight;
            }

            messages.Add(new UpdatePersons(group.Key, [.. batch]));
        }

        return messages;
    }
}
