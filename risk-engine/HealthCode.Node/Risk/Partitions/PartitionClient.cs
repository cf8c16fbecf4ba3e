using System.Globalization;
using Akka.Actor;
using Akka.Cluster.Sharding;
using HealthCode.Risk.Engine;
using HealthCode.Risk.Engine.Partitions;

namespace HealthCode.Node.Risk.Partitions;

/// <summary>Talks to the engine's partition entities through their shard region, from any risk node.</summary>
internal sealed class PartitionClient
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromMinutes(2);

    private readonly IActorRef _region;

    /// <summary>Creates a client of <paramref name="count"/> partitions behind <paramref name="region"/>.</summary>
    public PartitionClient(IActorRef region, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _region = region;
        Count = count;
    }

    /// <summary>How many partitions the engine has.</summary>
    public int Count { get; }

    private IEnumerable<int> All => Enumerable.Range(0, Count);

    /// <summary>Empties every partition for a new run of the pipeline.</summary>
    public Task ResetAsync(string generation) =>
        Task.WhenAll(All.Select(k => AskAsync<PartitionReady>(new ResetPartition(k, Count, generation))));

    /// <summary>
    /// Runs one routed step on every partition: its records, then its hand-overs, each phase on all partitions at
    /// once and finished before the next.
    /// </summary>
    public async Task RunAsync(string generation, RoutedStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var adds = All.SelectMany(k => step.Work[k].Records.Chunk(EnginePartitionActor.ChunkRecords)
            .Where(chunk => chunk.Count > 0)
            .Select(chunk => AskAsync<RecordsAdded>(new AddRecords(k, generation, chunk))));
        await Task.WhenAll(adds).ConfigureAwait(false);

        var handOvers = All
            .Where(k => step.Work[k].HandsOver)
            .Select(k => AskAsync<HandedOver>(new HandOver(
                k, generation, step.SimsFrom(k), step.TravellersFrom(k), step.Work[k].ForgetSims)));
        await Task.WhenAll(handOvers).ConfigureAwait(false);
    }

    /// <summary>Steps every partition and waits until each has applied its updates.</summary>
    public async Task<IReadOnlyList<PartitionStepped>> StepAsync(string generation) =>
        await Task.WhenAll(All.Select(k => AskAsync<PartitionStepped>(new StepPartition(k, generation))))
            .ConfigureAwait(false);

    /// <summary>What the partitions hold together; with pairs, every contact pair too.</summary>
    public async Task<EngineFigures> FiguresAsync(bool withPairs)
    {
        var figures = await Task.WhenAll(All.Select(k => AskAsync<PartitionFigures>(new ReadPartition(k, withPairs))))
            .ConfigureAwait(false);

        return new EngineFigures(
            figures.Sum(f => f.Pings),
            ContactCount.Sum(figures.Select(f => f.Contacts)),
            [.. figures.SelectMany(f => f.Pairs)]);
    }

    /// <summary>The partitions whose shards this node's region hosts, in order.</summary>
    public async Task<IReadOnlyList<int>> HostedHereAsync()
    {
        var state = await _region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, AskTimeout)
            .ConfigureAwait(false);
        return [.. state.Shards.Select(s => int.Parse(s.ShardId, CultureInfo.InvariantCulture)).Order()];
    }

    private async Task<T> AskAsync<T>(IPartitionMessage message)
    {
        var reply = await _region.Ask<object>(message, AskTimeout).ConfigureAwait(false);
        return reply switch
        {
            T answer => answer,
            PartitionLost lost => throw new PartitionLostException(lost),
            Status.Failure failure => throw new InvalidOperationException(
                $"Engine partition {message.Partition} failed.", failure.Cause),
            _ => throw new InvalidOperationException(
                $"Engine partition {message.Partition} answered {reply.GetType().Name}, not {typeof(T).Name}."),
        };
    }
}
