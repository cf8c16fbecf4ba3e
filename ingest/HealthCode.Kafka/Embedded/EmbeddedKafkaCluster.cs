using System.Runtime.InteropServices;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace HealthCode.Kafka.Embedded;

/// <summary>
/// librdkafka's mock Kafka cluster running inside this process: real protocol (idempotent producers, consumer
/// groups, offset commits) on loopback TCP listeners, so clients in this and other processes can join it.
/// </summary>
/// <remarks>
/// Each partition keeps only its newest ~5 MB or 100,000 record batches and silently drops older ones, so
/// consumers must not fall that far behind (see <see cref="Consuming.ConsumerGroupLagProbe"/>). Topics are created
/// with <see cref="CreateTopic"/>, because the mock brokers do not implement the CreateTopics admin request.
/// Its group coordinator completes a rebalance of a non-empty group only after the members' session timeout
/// less 1 s, and refuses offset commits while a rebalance is under way. Broker ids run from 1 to
/// <see cref="BrokerCount"/>.
/// </remarks>
public sealed class EmbeddedKafkaCluster : IDisposable
{
    private readonly ILogger _logger;

    private readonly nint _owner;

    private readonly nint _cluster;

    private int _disposed;

    private EmbeddedKafkaCluster(nint owner, nint cluster, int brokerCount, ILogger logger)
    {
        _owner = owner;
        _cluster = cluster;
        _logger = logger;
        BrokerCount = brokerCount;
        BootstrapServers = LibrdkafkaNative.ReadString(LibrdkafkaNative.rd_kafka_mock_cluster_bootstraps(cluster));
    }

    /// <summary>Comma-separated loopback addresses of the mock brokers, to be used as bootstrap.servers.</summary>
    public string BootstrapServers { get; }

    /// <summary>Number of brokers in the cluster.</summary>
    public int BrokerCount { get; }

    /// <summary>Starts a mock cluster of <see cref="KafkaSettings.EmbeddedBrokers"/> brokers.</summary>
    public static EmbeddedKafkaCluster Start(KafkaSettings settings, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logger);
        settings.Validate();

        var owner = LibrdkafkaNative.CreateOwnerHandle();
        var cluster = LibrdkafkaNative.rd_kafka_mock_cluster_new(owner, settings.EmbeddedBrokers);
        if (cluster == 0)
        {
            LibrdkafkaNative.rd_kafka_destroy(owner);
            throw new InvalidOperationException(
                $"librdkafka could not start a mock cluster of {settings.EmbeddedBrokers} brokers "
                + $"(setting '{nameof(KafkaSettings.EmbeddedBrokers)}'); see its log on stderr.");
        }

        // Groups created from now on use this delay; the mock's own default of 3 s only slows a local start-up.
        LibrdkafkaNative.rd_kafka_mock_group_initial_rebalance_delay_ms(
            cluster, (int)settings.EmbeddedGroupInitialRebalanceDelay.TotalMilliseconds);

        var started = new EmbeddedKafkaCluster(owner, cluster, settings.EmbeddedBrokers, logger);
        KafkaLog.EmbeddedClusterStarted(logger, started.BrokerCount, started.BootstrapServers);

        return started;
    }

    /// <summary>Creates a topic; creating an existing topic again leaves it unchanged.</summary>
    public void CreateTopic(TopicSpec topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var cluster = Cluster();

        if (topic.ReplicationFactor > BrokerCount)
        {
            throw new ArgumentException(
                $"Topic {topic.Name} asks for replication {topic.ReplicationFactor} but the embedded cluster has "
                + $"{BrokerCount} brokers (setting '{nameof(KafkaSettings.ReplicationFactor)}').",
                nameof(topic));
        }

        var error = LibrdkafkaNative.rd_kafka_mock_topic_create(
            cluster, topic.Name, topic.Partitions, topic.ReplicationFactor);
        if (error == (int)ErrorCode.TopicAlreadyExists)
        {
            KafkaLog.TopicAlreadyExists(_logger, topic.Name);
            return;
        }

        ThrowIfError(error, $"create topic {topic.Name}");

        KafkaLog.EmbeddedTopicCreated(_logger, topic.Name, topic.Partitions, topic.ReplicationFactor);
    }

    /// <summary>Disconnects a broker and refuses new connections to it; its partitions keep their leader.</summary>
    public void SetBrokerDown(int brokerId)
    {
        var error = LibrdkafkaNative.rd_kafka_mock_broker_set_down(Cluster(), RequireBroker(brokerId));
        ThrowIfError(error, $"take broker {brokerId} down");

        KafkaLog.EmbeddedBrokerDown(_logger, brokerId);
    }

    /// <summary>Lets a broker taken down by <see cref="SetBrokerDown"/> accept connections again.</summary>
    public void SetBrokerUp(int brokerId)
    {
        var error = LibrdkafkaNative.rd_kafka_mock_broker_set_up(Cluster(), RequireBroker(brokerId));
        ThrowIfError(error, $"bring broker {brokerId} up");

        KafkaLog.EmbeddedBrokerUp(_logger, brokerId);
    }

    /// <summary>Delays every response of a broker by <paramref name="roundTrip"/> (zero removes the delay).</summary>
    public void SetBrokerRoundTripTime(int brokerId, TimeSpan roundTrip)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(roundTrip, TimeSpan.Zero);

        var error = LibrdkafkaNative.rd_kafka_mock_broker_set_rtt(
            Cluster(), RequireBroker(brokerId), (int)roundTrip.TotalMilliseconds);
        ThrowIfError(error, $"set the round-trip time of broker {brokerId}");
    }

    /// <summary>Moves the leadership of a partition to another broker, as a controller failover would.</summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);

        var error = LibrdkafkaNative.rd_kafka_mock_partition_set_leader(
            Cluster(), topic, partition, RequireBroker(brokerId));
        ThrowIfError(error, $"move the leader of {topic} [{partition}] to broker {brokerId}");

        KafkaLog.EmbeddedLeaderMoved(_logger, topic, partition, brokerId);
    }

    /// <summary>
    /// Makes the next requests of type <paramref name="apiKey"/>, on any broker, fail with these errors.
    /// </summary>
    public void PushRequestErrors(KafkaApiKey apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var cluster = Cluster();

        var codes = Array.ConvertAll(errors, error => (int)error);
        LibrdkafkaNative.rd_kafka_mock_push_request_errors_array(cluster, (short)apiKey, (nuint)codes.Length, codes);

        KafkaLog.EmbeddedRequestErrorsPushed(_logger, apiKey, codes.Length);
    }

    /// <summary>
    /// Forgets request errors of type <paramref name="apiKey"/> that were pushed but not yet returned.
    /// </summary>
    public void ClearRequestErrors(KafkaApiKey apiKey) =>
        LibrdkafkaNative.rd_kafka_mock_clear_request_errors(Cluster(), (short)apiKey);

    /// <summary>Starts recording the requests the brokers receive, discarding any recorded before.</summary>
    public void StartRequestTracking() => LibrdkafkaNative.rd_kafka_mock_start_request_tracking(Cluster());

    /// <summary>Stops recording requests and discards the record.</summary>
    public void StopRequestTracking() => LibrdkafkaNative.rd_kafka_mock_stop_request_tracking(Cluster());

    /// <summary>Counts the recorded requests of type <paramref name="apiKey"/> since tracking started.</summary>
    public int CountTrackedRequests(KafkaApiKey apiKey)
    {
        var requests = LibrdkafkaNative.rd_kafka_mock_get_requests(Cluster(), out var count);
        if (requests == 0)
        {
            return 0;
        }

        try
        {
            var matching = 0;
            for (var i = 0; i < (int)count; i++)
            {
                var request = Marshal.ReadIntPtr(requests, i * nint.Size);
                if (LibrdkafkaNative.rd_kafka_mock_request_api_key(request) == (short)apiKey)
                {
                    matching++;
                }
            }

            return matching;
        }
        finally
        {
            LibrdkafkaNative.rd_kafka_mock_request_destroy_array(requests, count);
        }
    }

    /// <summary>Stops the brokers and frees the cluster; its data is gone.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        LibrdkafkaNative.rd_kafka_mock_cluster_destroy(_cluster);
        LibrdkafkaNative.rd_kafka_destroy(_owner);

        KafkaLog.EmbeddedClusterStopped(_logger, BootstrapServers);
    }

    private nint Cluster()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        return _cluster;
    }

    private int RequireBroker(int brokerId)
    {
        if (brokerId < 1 || brokerId > BrokerCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(brokerId), brokerId, $"The embedded cluster has brokers 1 to {BrokerCount}.");
        }

        return brokerId;
    }

    private static void ThrowIfError(int error, string action)
    {
        if (error != 0)
        {
            var code = (ErrorCode)error;
            throw new InvalidOperationException(
                $"The embedded Kafka cluster could not {action}: {code} ({new Error(code).Reason}).");
        }
    }
}
