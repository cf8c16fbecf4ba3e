using Akka.Streams;
using Akka.Streams.Stage;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace HealthCode.Kafka.Consuming;

/// <summary>The source stage behind <see cref="KafkaConsumerSource"/>: one consumer per materialization.</summary>
internal sealed class KafkaSourceStage
    : GraphStageWithMaterializedValue<SourceShape<KafkaRecord>, KafkaConsumerControl>
{
    private readonly ConsumerConfig _config;

    private readonly IReadOnlyList<string> _topics;

    private readonly KafkaSourceSettings _settings;

    private readonly ILogger _logger;

    public KafkaSourceStage(
        ConsumerConfig config, IReadOnlyList<string> topics, KafkaSourceSettings settings, ILogger logger)
    {
        _config = config;
        _topics = topics;
        _settings = settings;
        _logger = logger;
        Shape = new SourceShape<KafkaRecord>(Out);
    }

    public Outlet<KafkaRecord> Out { get; } = new("KafkaSource.out");

    public override SourceShape<KafkaRecord> Shape { get; }

    protected override Attributes InitialAttributes { get; } = Attributes.CreateName("KafkaSource");

    public override ILogicAndMaterializedValue<KafkaConsumerControl> CreateLogicAndMaterializedValue(
        Attributes inheritedAttributes)
    {
        var session = new ConsumerSession(_config, _topics, _settings, _logger);

        return new LogicAndMaterializedValue<KafkaConsumerControl>(
            new Logic(this, session), new KafkaConsumerControl(session));
    }

    private sealed class Logic : OutGraphStageLogic
    {
        private readonly KafkaSourceStage _stage;

        private readonly ConsumerSession _session;

        public Logic(KafkaSourceStage stage, ConsumerSession session)
            : base(stage.Shape)
        {
            _stage = stage;
            _session = session;
            SetHandler(stage.Out, this);
        }

        public override void PreStart() =>
            _session.Start(GetAsyncCallback(OnRecordsAvailable), GetAsyncCallback<Exception?>(OnSessionFinished));

        public override void OnPull() => TryPush();

        public override void OnDownstreamFinish(Exception cause)
        {
            // A normal cancellation (Take, a completed sink) leaves the records already emitted on their way to
            // the committer, so wait for them; a failure means they will never be handled, so do not.
            _session.StopEmission();
            _session.RequestShutdown(drain: cause is SubscriptionWithCancelException.NonFailureCancellation);

            base.OnDownstreamFinish(cause);
        }

        public override void PostStop()
        {
            // After a cancellation or a requested shutdown the session already knows how to end; otherwise the
            // stream was torn down (materializer shutdown), so nothing in flight will ever be handled.
            _session.StopEmission();
            _session.StopIfRunning();
        }

        private void OnRecordsAvailable()
        {
            if (IsAvailable(_stage.Out))
            {
                TryPush();
            }
        }

        private void OnSessionFinished(Exception? failure)
        {
            if (failure is null)
            {
                CompleteStage();
            }
            else
            {
                FailStage(failure);
            }
        }

        private void TryPush()
        {
            do
            {
                while (_session.TryTake(out var record))
                {
                    // Records of a partition that is being revoked are dropped: its next owner reads them again.
                    if (record.Origin!.TryMarkEmitted(record.Offset))
                    {
                        Push(_stage.Out, record);
                        return;
                    }
                }
            }
            while (_session.AwaitRecords());
        }
    }
}
