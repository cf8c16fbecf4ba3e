using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using HealthCode.Contracts.Events.V1;
using HealthCode.Contracts.Feeds;
using HealthCode.Contracts.Geo;
using HealthCode.Ingest.Identity;
using HealthCode.Ingest.Parsing;
using Microsoft.Extensions.Logging;

namespace HealthCode.Ingest.Publishing;

/// <summary>
/// Publishes one partner file: every valid line to the feed's topic, every bad one to its dead letters.
/// </summary>
/// <remarks>
/// Records go to explicit partitions chosen by <see cref="KeyPartitioner"/>; pings are packed into
/// <see cref="PingBatch"/> records per partition. The producer must be idempotent with acks=all, so that
/// retries after a broker failure neither lose nor duplicate. (librdkafka's mock cluster checks producer
/// sequences only for transactional producers, so in embedded mode a retry after a broker fault can store a
/// record twice; the record id makes that harmless downstream.) Not thread-safe: one file at a time.
/// </remarks>
public sealed class FeedIngestor
{
    private readonly IngestSettings _settings;
    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly Pseudonymiser _pseudonymiser;
    private readonly Grid _grid;
    private readonly ILogger _logger;
    private readonly Func<CancellationToken, ValueTask>? _paceAsync;
    private readonly Dictionary<string, int> _partitions = new(StringComparer.Ordinal);
    private long _deliveryFailures;
    private string? _firstDeliveryError;

    /// <summary>Creates an ingestor publishing through <paramref name="producer"/>.</summary>
    /// <param name="settings">Validated ingest settings.</param>
    /// <param name="producer">An idempotent producer (acks=all).</param>
    /// <param name="logger">Where start, end and dead-letter summaries go.</param>
    /// <param name="paceAsync">Awaited every few thousand lines; embedded mode uses it to wait for consumers.</param>
    public FeedIngestor(IngestSettings settings, IProducer<byte[]?, byte[]> producer, ILogger logger,
        Func<CancellationToken, ValueTask>? paceAsync = null)
    {
        _settings = settings.Validate();
        _producer = producer;
        _logger = logger;
        _paceAsync = paceAsync;
        _pseudonymiser = new Pseudonymiser(settings.Pepper);
        _grid = new Grid(settings.CellMetres);
    }

    /// <summary>Reads <paramref name="input"/> to its end and publishes it as <paramref name="feed"/>.</summary>
    public async Task<FeedIngestResult> IngestAsync(Feed feed, Stream input, string source,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var run = new FeedRun(feed, source, FeedParsers.Create(feed, _pseudonymiser, _grid),
            PartitionsOf(Topics.Canonical(feed)), _settings.PingBatchSize);
        var reader = new LineReader(input);
        _logger.LogInformation("Ingesting {Feed} from {Source}", feed.Name(), source);

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var more = ReadSome(reader, run);

            if (_paceAsync is not null)
            {
                await _paceAsync(cancellationToken).ConfigureAwait(false);
            }

            if (!more)
            {
                break;
            }
        }

        FlushPings(run);
        await Task.Run(() => FlushProducer(cancellationToken), cancellationToken).ConfigureAwait(false);
        ThrowOnDeliveryFailures(feed);
        IngestMetrics.InputBytes.WithLabels(feed.Name()).Inc(input.CanSeek ? input.Length : 0);

        var result = new FeedIngestResult(feed, source, run.Records, run.DeadLetters, run.BlankLines, clock.Elapsed);
        _logger.LogInformation(
            "Ingested {Feed} from {Source}: {Records} records, {DeadLetters} dead letters in {Seconds:F1} s",
            feed.Name(), source, result.Records, result.DeadLetters, clock.Elapsed.TotalSeconds);
        return result;
    }

    private bool ReadSome(LineReader reader, FeedRun run)
    {
        long records = run.Records, deadLetters = run.DeadLetters;

        for (var n = 0; n < _settings.PaceEveryLines; n++)
        {
            if (!reader.TryReadLine(out var line))
            {
                Count(run, records, deadLetters);
                return false;
            }

            Handle(run, line, reader.LineNumber, reader.Oversized);
        }

        Count(run, records, deadLetters);
        return true;
    }

    private void Handle(FeedRun run, ReadOnlySpan<byte> line, long lineNumber, bool oversized)
    {
        if (oversized)
        {
            DeadLetterOf(run, ParseError.ForLine(run.Feed, lineNumber, "line longer than 1 MiB"), line);
            return;
        }

        if (line.Trim((byte)' ').IsEmpty)
        {
            run.BlankLines++;
            return;
        }

        if (run.Parser.HasHeader && !run.HeaderRead)
        {
            run.HeaderRead = true;
            run.HeaderError = run.Parser.ReadHeader(line) is { } bad ? bad with { Line = lineNumber } : null;

            if (run.HeaderError is not null)
            {
                DeadLetterOf(run, run.HeaderError, line);
                _logger.LogError("Rejected the header of {Feed} file {Source}: {Reason}; every line goes to {Topic}",
                    run.Feed.Name(), run.Source, run.HeaderError.Reason, Topics.DeadLetter(run.Feed));
            }

            return;
        }

        if (run.HeaderError is not null)
        {
            DeadLetterOf(run, run.HeaderError with { Line = lineNumber, Reason = "file header rejected: "
                + run.HeaderError.Reason }, line);
            return;
        }

        if (run.PingParser is { } pings)
        {
            HandlePing(run, pings, line, lineNumber);
            return;
        }

        if (!run.Parser.TryParse(line, lineNumber, out var record, out var error))
        {
            DeadLetterOf(run, error!, line);
            return;
        }

        run.Records++;
        var partition = KeyPartitioner.PartitionOf(record.Key, run.Partitions);
        Produce(new TopicPartition(run.Topic, partition), Encoding.UTF8.GetBytes(record.Key),
            record.Message.ToByteArray());
    }

    private void HandlePing(FeedRun run, PingCsvParser parser, ReadOnlySpan<byte> line, long lineNumber)
    {
        if (!parser.TryParsePing(line, lineNumber, out var ping, out var error))
        {
            DeadLetterOf(run, error!, line);
            return;
        }

        run.Records++;

        // Pings skip the Ping objects: their wire bytes go straight into the partition's batch.
        if (run.PingBatches.Add(ping, out var partition))
        {
            Produce(new TopicPartition(run.Topic, partition), null, run.PingBatches.Take(partition)!);
        }
    }

    private void FlushPings(FeedRun run)
    {
        for (var partition = 0; partition < run.PingBatches.Count; partition++)
        {
            if (run.PingBatches.Take(partition) is { } batch)
            {
                Produce(new TopicPartition(run.Topic, partition), null, batch);
            }
        }
    }

    private void DeadLetterOf(FeedRun run, ParseError error, ReadOnlySpan<byte> line)
    {
        run.DeadLetters++;
        var topic = Topics.DeadLetter(run.Feed);
        var partition = (int)(error.Line % PartitionsOf(topic));
        Produce(new TopicPartition(topic, partition), null, DeadLetter.Encode(error, run.Source, line));

        // The first few are logged so an operator sees what is wrong without reading the topic. Without the
        // value: it may be a raw msisdn or id_number, and logs leave ingest; the dead-letter record keeps it.
        if (run.DeadLetters <= 3)
        {
            _logger.LogWarning("Dead letter in {Feed} file {Source}: {Error}", run.Feed.Name(), run.Source,
                error with { Value = null });
        }
    }

    private void Produce(TopicPartition partition, byte[]? key, byte[] value)
    {
        var message = new Message<byte[]?, byte[]> { Key = key, Value = value };

        while (true)
        {
            try
            {
                _producer.Produce(partition, message, OnDelivered);
                return;
            }
            catch (ProduceException<byte[]?, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The local queue is full: serve delivery reports until librdkafka has room again.
                _producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    private void OnDelivered(DeliveryReport<byte[]?, byte[]> report)
    {
        if (report.Error.IsError && Interlocked.Increment(ref _deliveryFailures) == 1)
        {
            _firstDeliveryError = $"{report.TopicPartition}: {report.Error.Reason}";
        }
    }

    private void FlushProducer(CancellationToken cancellationToken)
    {
        while (_producer.Flush(TimeSpan.FromSeconds(1)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void ThrowOnDeliveryFailures(Feed feed)
    {
        var failures = Interlocked.Exchange(ref _deliveryFailures, 0);

        if (failures > 0)
        {
            throw new KafkaException(new Error(ErrorCode.Local_Fail,
                $"{failures} {feed.Name()} records were not delivered; first: {_firstDeliveryError}"));
        }
    }

    private int PartitionsOf(string topic)
    {
        if (_partitions.TryGetValue(topic, out var count))
        {
            return count;
        }

        using var admin = new DependentAdminClientBuilder(_producer.Handle).Build();
        var metadata = admin.GetMetadata(topic, _settings.MetadataTimeout);
        var topicMetadata = metadata.Topics.SingleOrDefault(t => t.Topic == topic);

        if (topicMetadata is null || topicMetadata.Error.IsError || topicMetadata.Partitions.Count == 0)
        {
            throw new KafkaException(new Error(ErrorCode.UnknownTopicOrPart,
                $"Topic {topic} does not exist or has no partitions: {topicMetadata?.Error.Reason}"));
        }

        _partitions[topic] = topicMetadata.Partitions.Count;
        return topicMetadata.Partitions.Count;
    }

    private static void Count(FeedRun run, long recordsBefore, long deadLettersBefore)
    {
        IngestMetrics.Records.WithLabels(run.Feed.Name()).Inc(run.Records - recordsBefore);
        IngestMetrics.DeadLetters.WithLabels(run.Feed.Name()).Inc(run.DeadLetters - deadLettersBefore);
    }
}
