using Confluent.Kafka;

namespace HealthCode.Kafka.Consuming;

/// <summary>
/// Materialized value of <see cref="KafkaConsumerSource"/>: shuts the consumer down and reports its lag.
/// </summary>
public sealed class KafkaConsumerControl
{
    private readonly ConsumerSession _session;

    internal KafkaConsumerControl(ConsumerSession session) => _session = session;

    /// <summary>Consumer group this consumer belongs to.</summary>
    public string GroupId => _session.GroupId;

    /// <summary>Completes when the consumer has committed and left its group; faults if the consumer failed.</summary>
    public Task Completion => _session.Completion;

    /// <summary>Latest lag snapshot of the assigned partitions, refreshed every lag refresh interval.</summary>
    public ConsumerLag Lag => _session.Lag;

    /// <summary>Records lost to this consumer: offsets the broker had dropped by the time it read on.</summary>
    public long Skipped => _session.Skipped;

    /// <summary>Partitions currently assigned to this consumer.</summary>
    public IReadOnlyList<TopicPartition> Assignment => _session.Assignment;

    /// <summary>
    /// Completes the source now, commits the offsets handled so far and closes the consumer; records still in
    /// flight are not committed and are delivered again to the next owner of their partition.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        _session.RequestShutdown(drain: false);

        return _session.Completion.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Completes the source, waits (up to the drain timeout) until every emitted record has been handled by the
    /// committer, commits, and closes the consumer; cancelling turns the drain into <see cref="StopAsync"/>.
    /// </summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        _session.RequestShutdown(drain: true);

        using (cancellationToken.Register(() => _session.RequestShutdown(drain: false)))
        {
            await _session.Completion.ConfigureAwait(false);
        }
    }
}
