using Confluent.Kafka;
using HealthCode.Kafka.Embedded;
using Microsoft.Extensions.Logging;

namespace HealthCode.Kafka;

/// <summary>Every log message of the Kafka transport, in one place; event ids 1000-1099 are reserved for it.</summary>
internal static partial class KafkaLog
{
    [LoggerMessage(
        1000, LogLevel.Information, "Embedded Kafka cluster started with {BrokerCount} brokers at {BootstrapServers}")]
    public static partial void EmbeddedClusterStarted(ILogger logger, int brokerCount, string bootstrapServers);

    [LoggerMessage(1001, LogLevel.Information, "Embedded Kafka cluster at {BootstrapServers} stopped")]
    public static partial void EmbeddedClusterStopped(ILogger logger, string bootstrapServers);

    [LoggerMessage(
        1002,
        LogLevel.Information,
        "Embedded Kafka topic {Topic} created with {Partitions} partitions and replication factor "
        + "{ReplicationFactor}")]
    public static partial void EmbeddedTopicCreated(
        ILogger logger, string topic, int partitions, short replicationFactor);

    [LoggerMessage(1003, LogLevel.Warning, "Embedded Kafka broker {BrokerId} taken down")]
    public static partial void EmbeddedBrokerDown(ILogger logger, int brokerId);

    [LoggerMessage(1004, LogLevel.Information, "Embedded Kafka broker {BrokerId} is up again")]
    public static partial void EmbeddedBrokerUp(ILogger logger, int brokerId);

    [LoggerMessage(
        1005, LogLevel.Information, "Embedded Kafka leader of {Topic} [{Partition}] moved to broker {BrokerId}")]
    public static partial void EmbeddedLeaderMoved(ILogger logger, string topic, int partition, int brokerId);

    [LoggerMessage(1006, LogLevel.Warning, "Embedded Kafka cluster will fail the next {Count} {ApiKey} requests")]
    public static partial void EmbeddedRequestErrorsPushed(ILogger logger, KafkaApiKey apiKey, int count);

    [LoggerMessage(
        1010,
        LogLevel.Information,
        "Kafka topic {Topic} created with {Partitions} partitions and replication factor {ReplicationFactor}")]
    public static partial void TopicCreated(ILogger logger, string topic, int partitions, short replicationFactor);

    [LoggerMessage(1011, LogLevel.Information, "Kafka topic {Topic} already exists; left as it is")]
    public static partial void TopicAlreadyExists(ILogger logger, string topic);

    [LoggerMessage(
        1012,
        LogLevel.Information,
        "Assuming Kafka topics {Topics} exist on {BootstrapServers} (setting 'CreateTopics' is off)")]
    public static partial void TopicsAssumed(ILogger logger, string topics, string bootstrapServers);

    [LoggerMessage(
        1013,
        LogLevel.Error,
        "Could not create Kafka topics on {BootstrapServers} within {AdminTimeout} (setting 'AdminTimeout'): "
        + "{Detail}")]
    public static partial void TopicCreationFailed(
        ILogger logger, Exception exception, string bootstrapServers, TimeSpan adminTimeout, string detail);

    [LoggerMessage(1020, LogLevel.Information, "Kafka consumer {ClientId} of group {GroupId} subscribed to {Topics}")]
    public static partial void ConsumerSubscribed(ILogger logger, string groupId, string? clientId, string topics);

    [LoggerMessage(
        1021, LogLevel.Information, "Kafka group {GroupId} assigned {Topic} [{Partition}] to this consumer")]
    public static partial void PartitionAssigned(ILogger logger, string groupId, string topic, int partition);

    [LoggerMessage(
        1022, LogLevel.Information, "Kafka group {GroupId} revoked {Topic} [{Partition}] from this consumer")]
    public static partial void PartitionRevoked(ILogger logger, string groupId, string topic, int partition);

    [LoggerMessage(
        1023,
        LogLevel.Warning,
        "Kafka group {GroupId} lost {Topic} [{Partition}]: its in-flight records will be read again by the next "
        + "owner")]
    public static partial void PartitionLost(ILogger logger, string groupId, string topic, int partition);

    [LoggerMessage(
        1024,
        LogLevel.Warning,
        "Kafka group {GroupId}: records of {PartitionCount} revoked partitions were not handled within {Timeout} "
        + "(setting 'RevokeDrainTimeout'); their next owner reads them again")]
    public static partial void RevokeDrainTimedOut(
        ILogger logger, string groupId, int partitionCount, TimeSpan timeout);

    [LoggerMessage(1025, LogLevel.Debug, "Kafka group {GroupId} committed {Topic} [{Partition}] at offset {Offset}")]
    public static partial void OffsetCommitted(
        ILogger logger, string groupId, string topic, int partition, long offset);

    [LoggerMessage(1026, LogLevel.Warning, "Kafka group {GroupId} could not commit offsets: {ErrorCode} ({Reason})")]
    public static partial void CommitFailed(ILogger logger, string groupId, ErrorCode errorCode, string reason);

    [LoggerMessage(
        1027,
        LogLevel.Debug,
        "Kafka group {GroupId}: {Topic} [{Partition}] offset {Offset} was handled after the partition left this "
        + "consumer; not stored, its next owner reads it again")]
    public static partial void StoreSkipped(ILogger logger, string groupId, string topic, int partition, long offset);

    [LoggerMessage(
        1028,
        LogLevel.Debug,
        "Kafka group {GroupId}: librdkafka refused to store {Topic} [{Partition}] offset {Offset}: {ErrorCode}")]
    public static partial void StoreRefused(
        ILogger logger, string groupId, string topic, int partition, long offset, ErrorCode errorCode);

    [LoggerMessage(
        1029,
        LogLevel.Information,
        "Kafka group {GroupId}: downstream took no records for {PauseAfter} with {Buffered} waiting; partitions "
        + "paused (setting 'PauseAfter')")]
    public static partial void ConsumerPaused(ILogger logger, string groupId, int buffered, TimeSpan pauseAfter);

    [LoggerMessage(
        1030, LogLevel.Information, "Kafka group {GroupId}: partitions resumed with {Buffered} records buffered")]
    public static partial void ConsumerResumed(ILogger logger, string groupId, int buffered);

    [LoggerMessage(
        1031, LogLevel.Warning, "Kafka group {GroupId}: could not {Action} partitions: {ErrorCode} ({Reason})")]
    public static partial void FlowControlFailed(
        ILogger logger, string groupId, string action, ErrorCode errorCode, string reason);

    [LoggerMessage(
        1032,
        LogLevel.Warning,
        "Kafka group {GroupId}: consuming {Topic} [{Partition}] failed: {ErrorCode} ({Reason})")]
    public static partial void ConsumeFailed(
        ILogger logger, string groupId, string? topic, int? partition, ErrorCode errorCode, string reason);

    [LoggerMessage(1033, LogLevel.Warning, "Kafka group {GroupId}: client error {ErrorCode} ({Reason})")]
    public static partial void ConsumerError(ILogger logger, string groupId, ErrorCode errorCode, string reason);

    [LoggerMessage(
        1034,
        LogLevel.Error,
        "Kafka group {GroupId}: fatal client error {ErrorCode} ({Reason}); the consumer stops and its source fails")]
    public static partial void ConsumerFatalError(ILogger logger, string groupId, ErrorCode errorCode, string reason);

    [LoggerMessage(1035, LogLevel.Error, "Kafka consumer of group {GroupId} failed")]
    public static partial void ConsumerFailed(ILogger logger, Exception exception, string groupId);

    [LoggerMessage(
        1036,
        LogLevel.Warning,
        "Kafka group {GroupId}: emitted records were not all handled within {Timeout} (setting 'DrainTimeout'); "
        + "closing anyway, the rest is read again")]
    public static partial void DrainTimedOut(ILogger logger, string groupId, TimeSpan timeout);

    [LoggerMessage(
        1037,
        LogLevel.Information,
        "Kafka consumer of group {GroupId} closing with {PartitionCount} partitions; committing handled offsets")]
    public static partial void ConsumerClosing(ILogger logger, string groupId, int partitionCount);

    [LoggerMessage(1038, LogLevel.Information, "Kafka consumer of group {GroupId} closed")]
    public static partial void ConsumerClosed(ILogger logger, string groupId);

    [LoggerMessage(1039, LogLevel.Debug, "Kafka group {GroupId}: lag query failed: {ErrorCode} ({Reason})")]
    public static partial void LagQueryFailed(ILogger logger, string groupId, ErrorCode errorCode, string reason);

    [LoggerMessage(EventId = 1040, Message = "librdkafka {ClientName} {Facility}: {Message}")]
    public static partial void Librdkafka(
        ILogger logger, LogLevel level, string clientName, string facility, string message);

    [LoggerMessage(
        1041,
        LogLevel.Error,
        "Kafka group {GroupId} never read {Topic} [{Partition}] offsets {First}..{Last}: the broker dropped them "
        + "before this consumer caught up")]
    public static partial void RecordsSkipped(
        ILogger logger, string groupId, string topic, int partition, long first, long last);
}
