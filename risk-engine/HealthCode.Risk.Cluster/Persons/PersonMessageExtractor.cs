using Akka.Cluster.Sharding;

namespace HealthCode.Risk.Cluster.Persons;

/// <summary>
/// Routes <see cref="UpdatePersons"/> to its group and each <see cref="IPersonMessage"/> to the
/// <see cref="PersonGroup"/> that holds its person.
/// </summary>
public sealed class PersonMessageExtractor : HashCodeMessageExtractor
{
    private readonly int _groups;

    /// <summary>
    /// Creates an extractor over <paramref name="groups"/> groups in <paramref name="maxShards"/> shards; neither may
    /// change while the journal lives.
    /// </summary>
    public PersonMessageExtractor(int maxShards, int groups)
        : base(maxShards)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        _groups = groups;
    }

    /// <inheritdoc/>
    public override string? EntityId(object message) => message switch
    {
        UpdatePersons update => PersonGroups.EntityId(update.Group),
        IPersonMessage person => PersonGroups.EntityId(PersonGroups.Of(person.PersonKey, _groups)),
        _ => null,
    };
}
