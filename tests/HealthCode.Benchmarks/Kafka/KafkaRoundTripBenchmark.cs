using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Confluent.Kafka;
using HealthCode.Kafka;
using HealthCode.Kafka.Consuming;
using HealthCode.Kafka.Embedded;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthCode.Benchmarks.Kafka;

/// <summary>
/// Records of ~100 bytes produced by the idempotent producer and consumed back through KafkaConsumerSource and
/// the batch committer, on the embedded mock cluster: the transport's end-to-end ceiling on one machine.
/// </summary>
/// <remarks>
/// Each iteration gets a fresh topic and consumer group, joined before the clock starts, so neither group
/// start-up nor the mock's per-partition retention and linear offset scans of earlier iterations are measured.
/// The Op/s column is records per second.
/// </remarks>
[Config(typeof(ThroughputConfig))]
[MemoryDiagnoser]
public class KafkaRoundTripBenchmark
{
    private const int Records = 200_000;

    private const int Partitions = 6;

    private readonly byte[] _value = new byte[100];

    private EmbeddedKafkaCluster _cluster = null!;

    private KafkaSettings _settings = null!;

    private ActorSystem _system = null!;

    private IMaterializer _materializer = null!;

    private IProducer<byte[]?, byte[]> _producer = null!;

    private KafkaConsumerControl _consumer = null!;

    private TaskCompletionSource _allHandled = null!;

    private string _topic = string.Empty;

    private int _iteration;

    private long _handled;

    [GlobalSetup]
    public void Setup()
    {
        Random.Shared.NextBytes(_value);
        _cluster = EmbeddedKafkaCluster.Start(new KafkaSettings(), NullLogger.Instance);
        _settings = new KafkaSettings { BootstrapServers = _cluster.BootstrapServers };
        _system = ActorSystem.Create("kafka-benchmark", "akka.loglevel = WARNING");
        _materializer = _system.Materializer();
        _producer = new ProducerBuilder<byte[]?, byte[]>(_settings.BuildProducerConfig()).Build();
    }

    [IterationSetup]
    public void StartConsumer()
    {
        _iteration++;
        _topic = $"round-trip-{_iteration}";
        _cluster.CreateTopic(new TopicSpec(_topic, Partitions, 3));
        _handled = 0;
        _allHandled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        _consumer = KafkaConsumerSource
            .Create(_settings.BuildConsumerConfig($"benchmark-{_iteration}"), [_topic], NullLogger.Instance)
            .GroupedWithin(1000, TimeSpan.FromMilliseconds(5))
            .Select(batch =>
            {
                var records = batch as IReadOnlyCollection<KafkaRecord> ?? [.. batch];
                if (Interlocked.Add(ref _handled, records.Count) >= Records)
                {
                    _allHandled.TrySetResult();
                }

                return (IEnumerable<KafkaRecord>)records;
            })
            .ToMaterialized(KafkaOffsetCommitter.BatchSink(), Keep.Left)
            .Run(_materializer);

        SpinWait.SpinUntil(() => _consumer.Assignment.Count == Partitions, TimeSpan.FromSeconds(30));
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public void ProduceAndConsume()
    {
        for (var i = 0; i < Records; i++)
        {
            ProduceWithRetry(new Message<byte[]?, byte[]> { Key = BitConverter.GetBytes(i), Value = _value });
        }

        _producer.Flush(TimeSpan.FromSeconds(60));
        if (!_allHandled.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException($"Only {Interlocked.Read(ref _handled)} of {Records} records came back.");
        }
    }

    [IterationCleanup]
    public void StopConsumer() => _consumer.DrainAsync().Wait(TimeSpan.FromSeconds(30));

    [GlobalCleanup]
    public void Cleanup()
    {
        _producer.Dispose();
        _system.Terminate().Wait(TimeSpan.FromSeconds(10));
        _cluster.Dispose();
    }

    private void ProduceWithRetry(Message<byte[]?, byte[]> message)
    {
        while (true)
        {
            try
            {
                _producer.Produce(_topic, message);
                return;
            }
            catch (ProduceException<byte[]?, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The producer's local queue is the only back-pressure the fire-and-forget API has.
                _producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
