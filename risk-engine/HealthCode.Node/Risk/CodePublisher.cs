using System.Text;
using Akka.Actor;
using Confluent.Kafka;
using Google.Protobuf;
using HealthCode.Contracts.Feeds;
using HealthCode.Risk.Cluster.Codes;
using Microsoft.Extensions.Logging;

namespace HealthCode.Node.Risk;

/// <summary>
/// Puts journaled code changes on the <c>code-changes</c> topic, keyed by person, and tells the person once the
/// brokers have acknowledged it; a failed delivery is retried until it succeeds.
/// </summary>
internal sealed class CodePublisher : ReceiveActor
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly CodeBoard _board;
    private readonly string _ruleSetVersion;
    private readonly ILogger _logger;

    /// <summary>Creates a publisher on a shared producer.</summary>
    public CodePublisher(IProducer<byte[]?, byte[]> producer, CodeBoard board, string ruleSetVersion, ILogger logger)
    {
        _producer = producer;
        _board = board;
        _ruleSetVersion = ruleSetVersion;
        _logger = logger;

        Receive<PublishCodeChange>(publish => Publish(publish, Sender));
        Receive<Retry>(retry => Publish(retry.Publish, retry.ReplyTo));
    }

    /// <summary>The props of a publisher.</summary>
    public static Props Props(IProducer<byte[]?, byte[]> producer, CodeBoard board, string ruleSetVersion,
        ILogger logger) =>
        Akka.Actor.Props.Create(() => new CodePublisher(producer, board, ruleSetVersion, logger));

    private void Publish(PublishCodeChange publish, IActorRef replyTo)
    {
        var self = Self;
        var scheduler = Context.System.Scheduler;
        // The board keeps the change without its evidence, so only the bytes carry it.
        var change = RiskEvents.CodeChangeHead(publish.PersonKey, publish.Change, _ruleSetVersion);
        var message = new Message<byte[]?, byte[]>
        {
            Key = Encoding.UTF8.GetBytes(publish.PersonKey),
            Value = RiskEvents.Encode(change, publish.Change),
        };

        try
        {
            _producer.Produce(Topics.CodeChanges, message, report =>
            {
                if (report.Error.IsError)
                {
                    _logger.LogWarning("Code change {Sequence} of {PersonKey} not delivered ({Reason}); retrying",
                        change.Sequence, publish.PersonKey, report.Error.Reason);
                    scheduler.ScheduleTellOnce(RetryAfter, self, new Retry(publish, replyTo), self);
                    return;
                }

                _board.Accept(change);
                RiskMetrics.CodeChanges.WithLabels(RiskEvents.ColourName(publish.Change.NewColour)).Inc();
                replyTo.Tell(new CodeChangeDelivered(publish.PersonKey, change.Sequence));
            });
        }
        catch (ProduceException<byte[]?, byte[]> ex)
        {
            // A full local queue is back-pressure, not a failure: wait and try the same change again.
            _logger.LogWarning("Code change {Sequence} of {PersonKey} not queued ({Reason}); retrying",
                change.Sequence, publish.PersonKey, ex.Error.Reason);
            scheduler.ScheduleTellOnce(RetryAfter, self, new Retry(publish, replyTo), self);
        }
    }

    private sealed record Retry(PublishCodeChange Publish, IActorRef ReplyTo);
}
