using Akka.Streams.Dsl;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace HealthCode.Kafka.Consuming;

/// <summary>
/// Kafka consumer group member as an Akka.Streams source with back-pressure and at-least-once commits.
/// </summary>
/// <remarks>
/// Offsets are committed only for records that reached <see cref="KafkaOffsetCommitter"/>, so a record whose
/// handling failed, and every record after it in its partition, is read again by the next member that owns the
/// partition. Per partition, records must reach the committer in the order the source emitted them. Pass records
/// that need no work on to the committer rather than filtering them out: a drain or a revocation waits for the
/// last emitted record of each partition to be committed.
/// </remarks>
public static class KafkaConsumerSource
{
    /// <summary>
    /// Creates a source that subscribes to <paramref name="topics"/>; each materialization is one group member.
    /// </summary>
    /// <param name="config">
    /// Consumer configuration with a group id and <c>enable.auto.offset.store=false</c>, as built by
    /// <see cref="KafkaSettings.BuildConsumerConfig"/>.
    /// </param>
    /// <param name="topics">Topics to subscribe to.</param>
    /// <param name="logger">Logger for assignments, revocations, commits and client errors.</param>
    /// <param name="settings">
    /// Buffering, drain and lag tuning; <see cref="KafkaSourceSettings.Default"/> if null.
    /// </param>
    public static Source<KafkaRecord, KafkaConsumerControl> Create(
        ConsumerConfig config, IReadOnlyList<string> topics, ILogger logger, KafkaSourceSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(logger);

        if (topics.Count == 0 || topics.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException(
                "A Kafka source needs at least one topic and no empty topic names.", nameof(topics));
        }

        settings ??= KafkaSourceSettings.Default;
        settings.Validate();

        // Copied so later changes by the caller cannot reach consumers that materialize afterwards.
        var copy = new ConsumerConfig(config.ToDictionary(entry => entry.Key, entry => entry.Value));
        if (string.IsNullOrWhiteSpace(copy.GroupId))
        {
            throw new ArgumentException(
                "A Kafka source needs 'group.id' in its consumer configuration.", nameof(config));
        }

        if (copy.EnableAutoOffsetStore != false)
        {
            throw new ArgumentException(
                "A Kafka source needs 'enable.auto.offset.store=false': otherwise librdkafka marks every record for "
                + "commit as soon as it is polled, before the pipeline has handled it. "
                + "Use KafkaSettings.BuildConsumerConfig.",
                nameof(config));
        }

        return Source.FromGraph(new KafkaSourceStage(copy, [.. topics], settings, logger));
    }
}
