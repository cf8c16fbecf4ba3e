using Akka.Actor;
using Akka.Cluster;
using Akka.Streams;
using Confluent.Kafka;
using HealthCode.Contracts.Feeds;
using HealthCode.Ingest.Identity;
using HealthCode.Ingest.Publishing;
using HealthCode.Node.Api;
using HealthCode.Kafka;
using HealthCode.Kafka.Consuming;
using HealthCode.Kafka.Embedded;
using HealthCode.Node.Risk;
using HealthCode.Node.Roles;
using HealthCode.Risk.Cluster.Persistence;
using HealthCode.Storage;
using HealthCode.Storage.Writing;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace HealthCode.Node.Runtime;

/// <summary>
/// The running parts of a node: Kafka (embedded or a cluster), the producer, ClickHouse and the roles.
/// </summary>
internal sealed class NodeRuntime : IAsyncDisposable
{
    /// <summary>
    /// How often the embedded journal's log is copied into its file: the log then holds about this long's writes
    /// (a new case's 31 MB in risk-e2e), and a checkpoint's copy mostly falls between cases.
    /// </summary>
    private static readonly TimeSpan JournalCheckpointInterval = TimeSpan.FromSeconds(1);

    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private EmbeddedKafkaCluster? _embedded;
    private ActorSystem? _system;
    private EventWriter? _writer;
    private SqliteCheckpointer? _checkpointer;
    private readonly Dictionary<string, ConsumerGroupLagProbe> _pacers = [];
    private KestrelMetricServer? _metrics;

    private NodeRuntime(NodeOptions options, ILoggerFactory loggerFactory)
    {
        Options = options;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("HealthCode.Node");
    }

    public NodeOptions Options { get; private set; }

    /// <summary>
    /// Kafka settings with the bootstrap address actually in use (the mock cluster's, when embedded).
    /// </summary>
    public KafkaSettings Kafka => Options.Kafka;

    public IProducer<byte[]?, byte[]> Producer { get; private set; } = null!;

    public IAnalyticsStore? Store { get; private set; }

    public StorageRole? Storage { get; private set; }

    public RiskRole? Risk { get; private set; }

    public ApiServer? Api { get; private set; }

    /// <summary>Every topic a node uses: canonical and dead-letter topics of each feed, and code changes.</summary>
    public static IReadOnlyList<string> AllTopics { get; } =
        [.. StorageRole.Topics()];

    /// <summary>
    /// Starts Kafka and the producer, with <paramref name="withStorage"/> ClickHouse and its consumers, and with
    /// <paramref name="risk"/> the cluster and the risk role.
    /// </summary>
    public static async Task<NodeRuntime> StartAsync(NodeOptions options, bool withStorage,
        ILoggerFactory loggerFactory, CancellationToken cancellationToken, RiskOptions? risk = null)
    {
        var runtime = new NodeRuntime(options, loggerFactory);

        try
        {
            runtime.StartMetrics();
            await runtime.StartKafkaAsync(cancellationToken).ConfigureAwait(false);
            await runtime.StartActorSystemAsync(risk, cancellationToken).ConfigureAwait(false);

            if (withStorage)
            {
                await runtime.StartStorageAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (risk is { RebuildFromHistory: true })
            {
                // A risk node without the storage role still reads the stored history and serves contacts from it.
                runtime.Store = await AnalyticsStore.OpenAsync(options.Storage, loggerFactory, cancellationToken)
                    .ConfigureAwait(false);
            }

            if (risk is not null)
            {
                var history = risk.RebuildFromHistory ? runtime.Store : null;
                runtime.Risk = await RiskRole.StartAsync(runtime._system!, risk, runtime.EngineKafka, runtime.Producer,
                    loggerFactory, runtime.CommitInterval, history, runtime.WaitForStorageToPassRiskAsync)
                    .ConfigureAwait(false);
            }

            if (risk?.ApiPort is { } apiPort)
            {
                runtime.Api = await ApiServer.StartAsync(options.ListenAddress, apiPort,
                    new Pseudonymiser(options.Ingest.Pepper),
                    runtime.Risk!, runtime.Store, risk.Rules.Version, loggerFactory).ConfigureAwait(false);
            }

            return runtime;
        }
        catch
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A new ingestor publishing through the shared producer, paced against the storage consumers.</summary>
    public FeedIngestor CreateIngestor(Feed feed)
    {
        // Kafka.IsEmbedded is false by now (it carries the mock cluster's address), so ask for the cluster itself.
        Func<CancellationToken, ValueTask>? pace = _embedded is not null && (Storage is not null || Risk is not null)
            ? cancellationToken => PaceAsync(feed, cancellationToken)
            : null;
        return new FeedIngestor(Options.Ingest, Producer, _loggerFactory.CreateLogger("HealthCode.Ingest"), pace);
    }

    /// <summary>Waits until the storage role has written and committed every record produced so far.</summary>
    public async Task WaitForStorageAsync(CancellationToken cancellationToken)
    {
        var probes = StorageRole.Topics()
            .Select(topic =>
                new ConsumerGroupLagProbe(Kafka.BuildConsumerConfig(StorageRole.GroupFor(topic)), [topic]))
            .ToList();
        await WaitForZeroLagAsync(probes, () => Storage?.ThrowIfFailed(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until the risk role has processed and committed every canonical record produced so far: every person
    /// update journaled and every code change it made on the topic.
    /// </summary>
    public async Task WaitForRiskAsync(CancellationToken cancellationToken)
    {
        var probe = new ConsumerGroupLagProbe(
            Kafka.BuildConsumerConfig(DetectionPipeline.Group), DetectionPipeline.ConsumedTopics());
        await WaitForZeroLagAsync([probe], () => Risk?.ThrowIfFailed(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until storage has committed at least as far as the risk engine on every canonical partition, so the
    /// history the engine rebuilds from holds every record the engine will not be given again.
    /// </summary>
    private async Task WaitForStorageToPassRiskAsync(CancellationToken cancellationToken)
    {
        using var risk = new ConsumerGroupLagProbe(
            Kafka.BuildConsumerConfig(DetectionPipeline.Group), DetectionPipeline.ConsumedTopics());
        var riskCommitted = (await risk.QueryAsync(cancellationToken).ConfigureAwait(false)).Partitions
            .ToDictionary(p => (p.Topic, p.Partition), p => p.Committed);

        _logger.LogInformation("Waiting for the storage groups to pass the risk engine's committed offsets");
        foreach (var topic in DetectionPipeline.ConsumedTopics())
        {
            using var storage = new ConsumerGroupLagProbe(
                Kafka.BuildConsumerConfig(StorageRole.GroupFor(topic)), [topic]);

            while ((await storage.QueryAsync(cancellationToken).ConfigureAwait(false)).Partitions
                   .Any(p => p.Committed < riskCommitted.GetValueOrDefault((p.Topic, p.Partition), -1)))
            {
                Storage?.ThrowIfFailed();
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task WaitForZeroLagAsync(List<ConsumerGroupLagProbe> probes, Action throwIfFailed,
        CancellationToken cancellationToken)
    {
        try
        {
            foreach (var probe in probes)
            {
                while ((await probe.QueryAsync(cancellationToken).ConfigureAwait(false)).TotalLag > 0)
                {
                    throwIfFailed();
                    await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            probes.ForEach(probe => probe.Dispose());
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Api is not null)
        {
            await Api.DisposeAsync().ConfigureAwait(false);
        }

        if (Risk is not null)
        {
            await Risk.DisposeAsync().ConfigureAwait(false);
        }

        if (Storage is not null)
        {
            await Storage.DisposeAsync().ConfigureAwait(false);
        }

        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }

        if (_system is not null)
        {
            // Coordinated shutdown leaves the cluster and hands shards off before the system stops.
            await CoordinatedShutdown.Get(_system).Run(CoordinatedShutdown.ActorSystemTerminateReason.Instance)
                .ConfigureAwait(false);
        }

        // After the system: its journal writes are over, so the last checkpoint leaves the file whole.
        if (_checkpointer is not null)
        {
            await _checkpointer.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var pacer in _pacers.Values)
        {
            pacer.Dispose();
        }

        Producer?.Flush(TimeSpan.FromSeconds(10));
        Producer?.Dispose();

        if (Store is not null)
        {
            await Store.DisposeAsync().ConfigureAwait(false);
        }

        _embedded?.Dispose();

        if (_metrics is not null)
        {
            await _metrics.StopAsync().ConfigureAwait(false);
        }
    }

    private void StartMetrics()
    {
        if (Options.MetricsPort == 0)
        {
            return;
        }

        try
        {
            _metrics = new KestrelMetricServer(Options.ListenAddress, Options.MetricsPort);
            _metrics.Start();
            _logger.LogInformation("Prometheus metrics on http://{ListenAddress}:{MetricsPort}/metrics",
                Options.ListenAddress, Options.MetricsPort);
        }
        catch (IOException ex)
        {
            // Metrics are for watching, not for the run: a port taken by another node must not stop this one.
            _metrics = null;
            _logger.LogWarning("No metrics endpoint: port {MetricsPort} is taken ({Reason}); set node.metricsPort",
                Options.MetricsPort, ex.Message);
        }
    }

    private async Task StartKafkaAsync(CancellationToken cancellationToken)
    {
        var kafkaLogger = _loggerFactory.CreateLogger("HealthCode.Kafka");

        if (Options.Kafka.IsEmbedded)
        {
            _embedded = EmbeddedKafkaCluster.Start(Options.Kafka, kafkaLogger);
            Options = Options with { Kafka = Options.Kafka with { BootstrapServers = _embedded.BootstrapServers } };
        }

        await new KafkaTopology(Options.Kafka, AllTopics).EnsureCreatedAsync(_embedded, kafkaLogger, cancellationToken)
            .ConfigureAwait(false);

        Producer = new ProducerBuilder<byte[]?, byte[]>(Options.Kafka.BuildProducerConfig())
            .SetErrorHandler((_, error) => _logger.LogWarning("Kafka producer error: {Reason}", error.Reason))
            .Build();
    }

    private async Task StartStorageAsync(CancellationToken cancellationToken)
    {
        Store = await AnalyticsStore.OpenAsync(Options.Storage, _loggerFactory, cancellationToken)
            .ConfigureAwait(false);
        _writer = new EventWriter(Store, Options.Storage, _loggerFactory.CreateLogger("HealthCode.Storage"));
        Storage = StorageRole.Start(_system!.Materializer(), Options.Kafka, _writer, _loggerFactory, CommitInterval);
    }

    /// <summary>
    /// The risk engine's Kafka settings: on the embedded mock cluster its consumer waits
    /// <see cref="KafkaSettings.EmbeddedFetchWait"/>, since the mock holds every fetch for the whole wait. Only this
    /// consumer: with every consumer of an idle node at 10 ms the node took 0.28 of a core, with this one 0.19.
    /// </summary>
    private KafkaSettings EngineKafka => _embedded is not null
        ? Options.Kafka with { FetchWait = Options.Kafka.EmbeddedFetchWait }
        : Options.Kafka;

    /// <summary>
    /// Embedded producers wait on committed offsets, so commit often there; a cluster keeps the setting.
    /// </summary>
    private TimeSpan CommitInterval => _embedded is not null
        ? TimeSpan.FromMilliseconds(200)
        : Options.Kafka.AutoCommitInterval;

    private async Task StartActorSystemAsync(RiskOptions? risk, CancellationToken cancellationToken)
    {
        if (risk is null)
        {
            _system = ActorSystem.Create("healthcode", ClusterConfig.StreamsOnly());
            return;
        }

        _system = ActorSystem.Create("healthcode", ClusterConfig.ForRisk(risk));
        if (risk.JournalConnectionString is null)
        {
            _checkpointer = SqliteCheckpointer.Start(risk.JournalPath, JournalCheckpointInterval,
                _loggerFactory.CreateLogger("HealthCode.Risk.Journal"));
        }

        // Without seed nodes a node forms its own cluster; with them it joins the first that answers.
        var cluster = Akka.Cluster.Cluster.Get(_system);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        if (risk.SeedNodes.Count == 0)
        {
            cluster.Join(cluster.SelfAddress);
        }
        else
        {
            cluster.JoinSeedNodes([.. risk.SeedNodes.Select(Address.Parse)]);
        }

        await up.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Cluster member up at {Address} (seeds {Seeds}); person journal {Journal}",
            cluster.SelfAddress, risk.SeedNodes.Count == 0 ? "none" : string.Join(',', risk.SeedNodes),
            risk.JournalConnectionString is null ? risk.JournalPath : "PostgreSQL");
    }

    private async ValueTask PaceAsync(Feed feed, CancellationToken cancellationToken)
    {
        var topic = Topics.Canonical(feed);

        // Flush first: lag is measured against what the brokers hold, not what waits in the producer.
        await Task.Run(() => Producer.Flush(cancellationToken), cancellationToken).ConfigureAwait(false);
        Storage?.ThrowIfFailed();
        Risk?.ThrowIfFailed();

        var groups = new List<string>();
        if (Storage is not null)
        {
            groups.Add(StorageRole.GroupFor(topic));
        }

        if (Risk is not null)
        {
            groups.Add(DetectionPipeline.Group);
        }

        foreach (var group in groups)
        {
            await Pacer(group, topic).WaitForLagAtMostAsync(Options.EmbeddedMaxLagRecords,
                TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
        }
    }

    private ConsumerGroupLagProbe Pacer(string group, string topic)
    {
        lock (_pacers)
        {
            var name = group + "/" + topic;
            if (!_pacers.TryGetValue(name, out var probe))
            {
                probe = new ConsumerGroupLagProbe(Kafka.BuildConsumerConfig(group), [topic]);
                _pacers[name] = probe;
            }

            return probe;
        }
    }
}
