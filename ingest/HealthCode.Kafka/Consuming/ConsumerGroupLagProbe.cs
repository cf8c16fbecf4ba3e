using Confluent.Kafka;

namespace HealthCode.Kafka.Consuming;

/// <summary>
/// Measures a consumer group's committed lag from outside the group, for metrics and for producers that must not
/// run too far ahead of their consumers.
/// </summary>
/// <remarks>
/// The embedded mock cluster keeps only the newest ~5 MB or 100,000 batches of each partition and silently drops
/// older ones; a producer that waits in <see cref="WaitForLagAtMostAsync"/> before each burst keeps the group's
/// unread data inside that window. The probe never joins the group: it only reads committed offsets and watermarks.
/// </remarks>
public sealed class ConsumerGroupLagProbe : IDisposable
{
    private readonly IConsumer<byte[], byte[]> _consumer;

    private readonly IAdminClient _admin;

    private readonly IReadOnlyList<string> _topics;

    private readonly TimeSpan _requestTimeout;

    private IReadOnlyList<TopicPartition>? _partitions;

    /// <summary>Creates a probe for the group named by <paramref name="config"/>'s group id on these topics.</summary>
    /// <param name="config">Configuration with the bootstrap servers and group id of the group to measure.</param>
    /// <param name="topics">Topics whose partitions are measured.</param>
    /// <param name="requestTimeout">Timeout of each broker query (default 5 s).</param>
    public ConsumerGroupLagProbe(ConsumerConfig config, IReadOnlyList<string> topics, TimeSpan? requestTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentException.ThrowIfNullOrWhiteSpace(config.GroupId, nameof(config));

        // The probe must never commit: it has no assignment, and committing would move the group's offsets.
        var probeConfig = new ConsumerConfig(config.ToDictionary(entry => entry.Key, entry => entry.Value))
        {
            EnableAutoCommit = false,
            ClientId = $"{config.ClientId ?? "healthcode"}-lag-probe",
        };

        _consumer = new ConsumerBuilder<byte[], byte[]>(probeConfig).Build();
        _admin = new DependentAdminClientBuilder(_consumer.Handle).Build();
        _topics = [.. topics];
        _requestTimeout = requestTimeout ?? TimeSpan.FromSeconds(5);
    }

    /// <summary>Reads the group's committed offsets and each partition's watermarks.</summary>
    public Task<ConsumerLag> QueryAsync(CancellationToken cancellationToken = default) =>
        Task.Run(Query, cancellationToken);

    /// <summary>Waits until no partition lags by more than <paramref name="maxLagPerPartition"/> records.</summary>
    public async Task WaitForLagAtMostAsync(
        long maxLagPerPartition, TimeSpan pollInterval, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLagPerPartition);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);

        while ((await QueryAsync(cancellationToken).ConfigureAwait(false)).MaxPartitionLag > maxLagPerPartition)
        {
            await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _admin.Dispose();
        _consumer.Dispose();
    }

    private ConsumerLag Query()
    {
        var partitions = _partitions ??= DiscoverPartitions();

        var committed = _consumer.Committed(partitions, _requestTimeout)
            .ToDictionary(offset => offset.TopicPartition, offset => offset.Offset);

        var lags = new List<PartitionLag>(partitions.Count);
        foreach (var partition in partitions)
        {
            var watermarks = _consumer.QueryWatermarkOffsets(partition, _requestTimeout);
            var offset = committed.GetValueOrDefault(partition, Offset.Unset);

            lags.Add(new PartitionLag(
                partition.Topic,
                partition.Partition.Value,
                watermarks.Low.Value,
                watermarks.High.Value,
                -1,
                offset.IsSpecial ? -1 : offset.Value));
        }

        return new ConsumerLag(lags);
    }

    private List<TopicPartition> DiscoverPartitions()
    {
        var partitions = new List<TopicPartition>();
        foreach (var topic in _topics)
        {
            var metadata = _admin.GetMetadata(topic, _requestTimeout).Topics
                .Single(candidate => candidate.Topic == topic);
            if (metadata.Error.IsError)
            {
                throw new KafkaException(metadata.Error);
            }

            partitions.AddRange(
                metadata.Partitions.Select(partition => new TopicPartition(topic, partition.PartitionId)));
        }

        return partitions;
    }
}
