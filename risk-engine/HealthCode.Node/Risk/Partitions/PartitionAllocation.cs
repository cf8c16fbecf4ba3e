using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;

namespace HealthCode.Node.Risk.Partitions;

/// <summary>
/// Places each engine partition on the risk node with the fewest, and never moves one while its node lives.
/// </summary>
/// <remarks>
/// A partition is memory only: moving it would empty it and send the pipeline back to ClickHouse for the whole
/// history. So a node that joins later takes partitions only when another node leaves or the cluster restarts.
/// </remarks>
internal sealed class PartitionAllocation : IShardAllocationStrategy
{
    /// <inheritdoc/>
    public Task<IActorRef> AllocateShard(IActorRef requester, string shardId,
        IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations)
    {
        ArgumentNullException.ThrowIfNull(currentShardAllocations);
        if (currentShardAllocations.Count == 0)
        {
            return Task.FromResult(requester);
        }

        // Fewest first, then the requester, then by address: every coordinator decides the same way.
        var region = currentShardAllocations
            .OrderBy(r => r.Value.Count)
            .ThenBy(r => r.Key.Equals(requester) ? 0 : 1)
            .ThenBy(r => r.Key.Path.ToString(), StringComparer.Ordinal)
            .First().Key;
        return Task.FromResult(region);
    }

    /// <inheritdoc/>
    public Task<IImmutableSet<string>> Rebalance(
        IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations,
        IImmutableSet<string> rebalanceInProgress) =>
        Task.FromResult<IImmutableSet<string>>(ImmutableHashSet<string>.Empty);
}
