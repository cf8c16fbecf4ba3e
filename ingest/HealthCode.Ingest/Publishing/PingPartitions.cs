using HealthCode.Contracts.Feeds;
using HealthCode.Ingest.Parsing;

namespace HealthCode.Ingest.Publishing;

/// <summary>The ping batches being filled for the partitions of the pings topic, one writer per partition.</summary>
/// <remarks>
/// A ping goes to the partition of its subscriber key (<see cref="KeyPartitioner"/>), so that every ping of a
/// SIM is in one partition, in file order. Writers are created at a partition's first ping and reused after
/// each batch is taken, so a steady stream of pings allocates only the record values handed to Kafka.
/// </remarks>
internal sealed class PingPartitions
{
    private readonly PingBatchWriter?[] _batches;
    private readonly int _batchSize;

    /// <summary>Creates one empty batch per partition, full at <paramref name="batchSize"/> pings.</summary>
    public PingPartitions(int partitions, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);

        _batches = new PingBatchWriter?[partitions];
        _batchSize = batchSize;
    }

    /// <summary>The number of partitions.</summary>
    public int Count => _batches.Length;

    /// <summary>Adds a ping to its partition's batch; true when that batch is now full and should be taken.</summary>
    public bool Add(in ParsedPing ping, out int partition)
    {
        partition = KeyPartitioner.PartitionOf(ping.SubscriberKey, _batches.Length);
        var batch = _batches[partition] ??= new PingBatchWriter();
        batch.Add(ping);
        return batch.Count >= _batchSize;
    }

    /// <summary>The serialised <c>PingBatch</c> of a partition, which starts again empty; null if empty.</summary>
    public byte[]? Take(int partition)
    {
        if (_batches[partition] is not { Count: > 0 } batch)
        {
            return null;
        }

        var bytes = batch.ToArray();
        batch.Clear();
        return bytes;
    }
}
