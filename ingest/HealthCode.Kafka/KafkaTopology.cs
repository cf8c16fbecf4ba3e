using Confluent.Kafka;
using Confluent.Kafka.Admin;
using HealthCode.Kafka.Embedded;
using Microsoft.Extensions.Logging;

namespace HealthCode.Kafka;

/// <summary>
/// The topics a deployment needs, created the same way on every start: on the embedded cluster through its mock
/// API, on a real cluster through the admin API (or assumed to exist when <see cref="KafkaSettings.CreateTopics"/>
/// is off).
/// </summary>
public sealed class KafkaTopology
{
    private readonly KafkaSettings _settings;

    /// <summary>Describes <paramref name="topics"/> with the partition and replication settings.</summary>
    public KafkaTopology(KafkaSettings settings, IEnumerable<string> topics)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(topics);

        _settings = settings;
        Topics = [.. topics.Distinct(StringComparer.Ordinal).Select(topic => TopicSpec.From(settings, topic))];
    }

    /// <summary>The topics, with their partition counts and replication factors.</summary>
    public IReadOnlyList<TopicSpec> Topics { get; }

    /// <summary>
    /// Makes sure every topic exists: on <paramref name="embedded"/> when given, otherwise on the brokers of the
    /// settings, where a topic that already exists is left as it is.
    /// </summary>
    public async Task EnsureCreatedAsync(
        EmbeddedKafkaCluster? embedded, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logger);

        if (embedded is not null)
        {
            foreach (var topic in Topics)
            {
                embedded.CreateTopic(topic);
            }

            return;
        }

        var names = string.Join(",", Topics.Select(topic => topic.Name));
        if (!_settings.CreateTopics)
        {
            KafkaLog.TopicsAssumed(logger, names, _settings.BootstrapServers ?? string.Empty);
            return;
        }

        using var admin = new AdminClientBuilder(_settings.BuildAdminConfig()).Build();
        try
        {
            await CreateAsync(admin, logger)
                .WaitAsync(_settings.AdminTimeout * 2, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw Unreachable(logger, names, ex);
        }
    }

    private async Task CreateAsync(IAdminClient admin, ILogger logger)
    {
        // Only the missing topics are created. Besides saving a round trip, this lets a second process join
        // the embedded mock cluster of a running node: the mock times out every CreateTopics request.
        HashSet<string> existing;

        try
        {
            existing = admin.GetMetadata(_settings.AdminTimeout).Topics
                .Where(topic => !topic.Error.IsError)
                .Select(topic => topic.Topic)
                .ToHashSet(StringComparer.Ordinal);
        }
        catch (KafkaException ex)
        {
            throw Unreachable(logger, $"{ex.Error.Code} ({ex.Error.Reason})", ex);
        }

        var missing = Topics.Where(topic => !existing.Contains(topic.Name)).ToList();

        foreach (var topic in Topics.Where(topic => existing.Contains(topic.Name)))
        {
            KafkaLog.TopicAlreadyExists(logger, topic.Name);
        }

        if (missing.Count == 0)
        {
            return;
        }

        var specifications = missing.Select(topic => new TopicSpecification
        {
            Name = topic.Name,
            NumPartitions = topic.Partitions,
            ReplicationFactor = topic.ReplicationFactor,
        });
        var options = new CreateTopicsOptions
        {
            RequestTimeout = _settings.AdminTimeout,
            OperationTimeout = _settings.AdminTimeout,
        };

        try
        {
            await admin.CreateTopicsAsync(specifications, options).ConfigureAwait(false);
            foreach (var topic in missing)
            {
                KafkaLog.TopicCreated(logger, topic.Name, topic.Partitions, topic.ReplicationFactor);
            }
        }
        catch (CreateTopicsException ex)
        {
            var failed = new List<string>();
            foreach (var report in ex.Results)
            {
                if (!report.Error.IsError)
                {
                    var topic = Topics.Single(candidate => candidate.Name == report.Topic);
                    KafkaLog.TopicCreated(logger, topic.Name, topic.Partitions, topic.ReplicationFactor);
                }
                else if (report.Error.Code == ErrorCode.TopicAlreadyExists)
                {
                    KafkaLog.TopicAlreadyExists(logger, report.Topic);
                }
                else
                {
                    failed.Add($"{report.Topic}: {report.Error.Code} ({report.Error.Reason})");
                }
            }

            if (failed.Count > 0)
            {
                throw Unreachable(logger, string.Join("; ", failed), ex);
            }
        }
        catch (KafkaException ex)
        {
            // For example "Failed while waiting for controller: Local: Timed out" from the mock brokers.
            throw Unreachable(logger, $"{ex.Error.Code} ({ex.Error.Reason})", ex);
        }
    }

    private InvalidOperationException Unreachable(ILogger logger, string detail, Exception cause)
    {
        var bootstrap = _settings.BootstrapServers ?? string.Empty;
        KafkaLog.TopicCreationFailed(logger, cause, bootstrap, _settings.AdminTimeout, detail);

        return new InvalidOperationException(
            $"Could not create Kafka topics on {bootstrap} within {_settings.AdminTimeout} (setting "
            + $"'{nameof(KafkaSettings.AdminTimeout)}'): {detail}. Create them by hand and set "
            + $"'{nameof(KafkaSettings.CreateTopics)}' to false, or pass the embedded cluster when running on it.",
            cause);
    }
}
