using Akka.Cluster.Sharding;

namespace HealthCode.Node.Risk.Partitions;

/// <summary>One entity and one shard per engine partition, named by its number.</summary>
internal sealed class PartitionMessageExtractor : IMessageExtractor
{
    /// <inheritdoc/>
    public string? EntityId(object message) =>
        message is IPartitionMessage m ? m.Partition.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <inheritdoc/>
    public object? EntityMessage(object message) => message;

    /// <inheritdoc/>
    public string? ShardId(object message) => EntityId(message);

    /// <inheritdoc/>
    public string ShardId(string entityId, object? messageHint = null) => entityId;
}
