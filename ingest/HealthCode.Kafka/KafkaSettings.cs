using Confluent.Kafka;

namespace HealthCode.Kafka;

/// <summary>
/// Immutable Kafka transport settings, validated once at start-up by <see cref="Validate"/>.
/// </summary>
/// <remarks>
/// Leave <see cref="BootstrapServers"/> empty to run on librdkafka's in-process mock cluster; set it to a
/// comma-separated broker list to use a real Kafka cluster. Derive variants with <c>with</c>, for example
/// <c>settings with { BootstrapServers = cluster.BootstrapServers }</c> once an embedded cluster is up.
/// </remarks>
public sealed record KafkaSettings
{
    /// <summary>
    /// Comma-separated <c>host:port</c> list of brokers; null or empty starts the embedded mock cluster.
    /// </summary>
    public string? BootstrapServers { get; init; }

    /// <summary>Number of brokers the embedded mock cluster starts (default 3).</summary>
    public int EmbeddedBrokers { get; init; } = 3;

    /// <summary>
    /// Initial rebalance delay of consumer groups on the embedded cluster (default zero; Kafka's own default
    /// is 3 s, which only makes a single-process start-up slower).
    /// </summary>
    public TimeSpan EmbeddedGroupInitialRebalanceDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Partition count of a topic that has no entry in <see cref="TopicPartitions"/> (default 6).</summary>
    public int DefaultPartitions { get; init; } = 6;

    /// <summary>Per-topic partition counts that override <see cref="DefaultPartitions"/>.</summary>
    public IReadOnlyDictionary<string, int> TopicPartitions { get; init; } = new Dictionary<string, int>();

    /// <summary>
    /// Replication factor of created topics (default 3; at most <see cref="EmbeddedBrokers"/> when embedded).
    /// </summary>
    public short ReplicationFactor { get; init; } = 3;

    /// <summary>Client id reported to the brokers; consumers append their group id to it.</summary>
    public string ClientId { get; init; } = "healthcode";

    /// <summary>How long the producer waits to fill a batch before sending it (default 5 ms).</summary>
    public TimeSpan ProducerLinger { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// How long a broker may hold a consumer's fetch while it has nothing new (default 50 ms). A broker answers as
    /// soon as records arrive, so this bounds only how often an idle consumer asks.
    /// </summary>
    public TimeSpan FetchWait { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The risk engine consumer's fetch wait on the embedded mock cluster, in place of <see cref="FetchWait"/>
    /// (default 10 ms).
    /// </summary>
    /// <remarks>
    /// librdkafka's mock cluster holds a fetch for the whole wait even when records arrive meanwhile. With
    /// librdkafka's default of 500 ms a case report reached the engine 0.2-0.7 s after it was produced; with 50 ms,
    /// 25-175 ms (p50 58 ms); with 10 ms, p50 20 ms (risk-e2e, docs/PERFORMANCE.md).
    /// </remarks>
    public TimeSpan EmbeddedFetchWait { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Upper bound of one producer batch in bytes (default 1 MB).</summary>
    public int ProducerBatchBytes { get; init; } = 1_000_000;

    /// <summary>
    /// Compression of produced batches (default LZ4: cheap CPU, and the mock cluster keeps ~5 MB a partition).
    /// </summary>
    public CompressionType Compression { get; init; } = CompressionType.Lz4;

    /// <summary>
    /// How long the producer keeps retrying a record before reporting it failed (default 2 minutes).
    /// </summary>
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often consumers commit the offsets that the pipeline stored as handled (default 1 s; short because
    /// committed lag is what bounds producers against the mock cluster's retention).
    /// </summary>
    public TimeSpan AutoCommitInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Consumer group session timeout: a silent member is evicted after it (default 10 s). On the embedded cluster
    /// it also sets the pace of rebalancing: the mock coordinator waits this long less 1 s for members to rejoin.
    /// </summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Interval of consumer heartbeats; it also bounds how fast members notice a rebalance (default 3 s).
    /// </summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Whether start-up creates missing topics through the admin API of a real cluster (default true).
    /// </summary>
    public bool CreateTopics { get; init; } = true;

    /// <summary>How long start-up waits for admin requests such as topic creation (default 30 s).</summary>
    public TimeSpan AdminTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>True when no bootstrap servers are configured and the in-process mock cluster is used.</summary>
    public bool IsEmbedded => string.IsNullOrWhiteSpace(BootstrapServers);

    /// <summary>Returns the partition count configured for <paramref name="topic"/>.</summary>
    public int PartitionsFor(string topic)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);

        return TopicPartitions.TryGetValue(topic, out var partitions) ? partitions : DefaultPartitions;
    }

    /// <summary>
    /// Checks every setting and throws <see cref="InvalidOperationException"/> naming the first bad one.
    /// </summary>
    public void Validate()
    {
        if (IsEmbedded)
        {
            Require(
                EmbeddedBrokers is >= 1 and <= 32,
                nameof(EmbeddedBrokers),
                "must be between 1 and 32",
                EmbeddedBrokers);
            Require(
                ReplicationFactor <= EmbeddedBrokers,
                nameof(ReplicationFactor),
                $"must not exceed {nameof(EmbeddedBrokers)} ({EmbeddedBrokers}) on the embedded cluster",
                ReplicationFactor);
            Require(
                EmbeddedGroupInitialRebalanceDelay >= TimeSpan.Zero,
                nameof(EmbeddedGroupInitialRebalanceDelay),
                "must not be negative",
                EmbeddedGroupInitialRebalanceDelay);
        }
        else
        {
            Require(
                BootstrapServers!.Split(',').All(IsHostAndPort),
                nameof(BootstrapServers),
                "must be a comma-separated list of host:port",
                BootstrapServers);
        }

        Require(DefaultPartitions >= 1, nameof(DefaultPartitions), "must be at least 1", DefaultPartitions);
        foreach (var (topic, partitions) in TopicPartitions)
        {
            Require(
                !string.IsNullOrWhiteSpace(topic), nameof(TopicPartitions), "must not contain an empty topic", topic);
            Require(partitions >= 1, $"{nameof(TopicPartitions)}[{topic}]", "must be at least 1", partitions);
        }

        Require(ReplicationFactor >= 1, nameof(ReplicationFactor), "must be at least 1", ReplicationFactor);
        Require(!string.IsNullOrWhiteSpace(ClientId), nameof(ClientId), "must not be empty", ClientId);
        Require(ProducerLinger >= TimeSpan.Zero, nameof(ProducerLinger), "must not be negative", ProducerLinger);
        Require(
            FetchWait >= TimeSpan.FromMilliseconds(1) && FetchWait <= TimeSpan.FromSeconds(10),
            nameof(FetchWait),
            "must be 1 ms to 10 s",
            FetchWait);
        Require(
            EmbeddedFetchWait >= TimeSpan.FromMilliseconds(1) && EmbeddedFetchWait <= TimeSpan.FromSeconds(10),
            nameof(EmbeddedFetchWait),
            "must be 1 ms to 10 s",
            EmbeddedFetchWait);
        Require(ProducerBatchBytes >= 1024, nameof(ProducerBatchBytes), "must be at least 1024", ProducerBatchBytes);
        Require(
            DeliveryTimeout >= TimeSpan.FromSeconds(1),
            nameof(DeliveryTimeout),
            "must be at least 1 s",
            DeliveryTimeout);
        Require(
            AutoCommitInterval >= TimeSpan.FromMilliseconds(10),
            nameof(AutoCommitInterval),
            "must be at least 10 ms",
            AutoCommitInterval);
        Require(
            HeartbeatInterval > TimeSpan.Zero && HeartbeatInterval * 3 <= SessionTimeout,
            nameof(HeartbeatInterval),
            $"must be positive and at most a third of {nameof(SessionTimeout)} ({SessionTimeout})",
            HeartbeatInterval);
        Require(AdminTimeout > TimeSpan.Zero, nameof(AdminTimeout), "must be positive", AdminTimeout);
    }

    /// <summary>Builds the configuration of an idempotent producer (acks=all) for these settings.</summary>
    public ProducerConfig BuildProducerConfig() => new()
    {
        BootstrapServers = RequireBootstrapServers(),
        ClientId = ClientId,
        Acks = Acks.All,
        EnableIdempotence = true,
        LingerMs = ProducerLinger.TotalMilliseconds,
        BatchSize = ProducerBatchBytes,
        CompressionType = Compression,
        MessageTimeoutMs = ToMilliseconds(DeliveryTimeout),

        // Confluent.Kafka otherwise keeps every message's key and value until its delivery report, to hand them
        // back in it. Nothing here reads them, and held for that long a case's code changes (about 2,000 of 38 KB)
        // outlived two collections and were copied into gen2 with the rest of what was in flight (risk-e2e).
        DeliveryReportFields = "status",
    };

    /// <summary>
    /// Builds the configuration of an at-least-once consumer in <paramref name="groupId"/>: offsets are stored only
    /// by the pipeline's committer, and what was stored is committed every <see cref="AutoCommitInterval"/>.
    /// </summary>
    public ConsumerConfig BuildConsumerConfig(string groupId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);

        return new ConsumerConfig
        {
            BootstrapServers = RequireBootstrapServers(),
            ClientId = $"{ClientId}-{groupId}",
            GroupId = groupId,
            EnableAutoOffsetStore = false,
            EnableAutoCommit = true,
            AutoCommitIntervalMs = ToMilliseconds(AutoCommitInterval),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = ToMilliseconds(SessionTimeout),
            HeartbeatIntervalMs = ToMilliseconds(HeartbeatInterval),
            FetchWaitMaxMs = ToMilliseconds(FetchWait),

            // Cooperative rebalancing moves only the partitions that change owner, so a member joining does not
            // stop the whole group and replay every in-flight batch.
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        };
    }

    /// <summary>Builds the configuration of an admin client for these settings.</summary>
    public AdminClientConfig BuildAdminConfig() => new()
    {
        BootstrapServers = RequireBootstrapServers(),
        ClientId = $"{ClientId}-admin",
    };

    private string RequireBootstrapServers()
    {
        if (IsEmbedded)
        {
            throw new InvalidOperationException(
                $"Kafka setting '{nameof(BootstrapServers)}' is empty: start the embedded cluster first and use "
                + $"'settings with {{ {nameof(BootstrapServers)} = cluster.BootstrapServers }}'.");
        }

        return BootstrapServers!;
    }

    private static int ToMilliseconds(TimeSpan value) => (int)Math.Min(int.MaxValue, value.TotalMilliseconds);

    private static bool IsHostAndPort(string entry)
    {
        var trimmed = entry.Trim();
        var colon = trimmed.LastIndexOf(':');

        return colon > 0 && int.TryParse(trimmed.AsSpan(colon + 1), out var port) && port is > 0 and < 65536;
    }

    private static void Require(bool condition, string setting, string rule, object? actual)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Kafka setting '{setting}' {rule} (was '{actual}').");
        }
    }
}
