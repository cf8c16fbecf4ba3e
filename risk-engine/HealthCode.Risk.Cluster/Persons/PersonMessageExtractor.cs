using Akka.Cluster.Sharding;

namespace HealthCode.Risk.Cluster.Persons;

/// <summary>Routes each <see cref="IPersonMessage"/> to the <see cref="Person"/> entity of its person key.</summary>
public sealed class PersonMessageExtractor : HashCodeMessageExtractor
{
    /// <summary>Creates an extractor; <paramref name="maxShards"/> must not change while the journal lives.</summary>
    public PersonMessageExtractor(int maxShards)
        : base(maxShards)
    {
    }

    /// <inheritdoc/>
    public override string? EntityId(object message) => (message as IPersonMessage)?.PersonKey;
}
