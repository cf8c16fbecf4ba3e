using Google.Protobuf;
using HealthCode.Contracts.Events.V1;
using HealthCode.Contracts.Feeds;
using HealthCode.Kafka;
using HealthCode.Storage.Writing;

namespace HealthCode.Node.Roles;

/// <summary>Decodes a batch of one canonical topic's records and hands the events to the writer.</summary>
internal static class CanonicalDecoder
{
    /// <summary>
    /// Writes the events of <paramref name="records"/> (all of <paramref name="feed"/>); returns how many.
    /// </summary>
    public static async Task<int> WriteAsync(Feed feed, IReadOnlyList<KafkaRecord> records, EventWriter writer,
        CancellationToken cancellationToken)
    {
        switch (feed)
        {
            case Feed.Pings:
                var pings = new List<Ping>(records.Count * 1000);

                foreach (var record in records)
                {
                    pings.AddRange(Decode(PingBatch.Parser, record).Pings);
                }

                await writer.WriteAsync(pings, cancellationToken).ConfigureAwait(false);
                return pings.Count;
            case Feed.Subscribers:
                return await WriteAllAsync(Subscriber.Parser, records, writer.WriteAsync, cancellationToken)
                    .ConfigureAwait(false);
            case Feed.Rail:
                return await WriteAllAsync(RailTrip.Parser, records, writer.WriteAsync, cancellationToken)
                    .ConfigureAwait(false);
            case Feed.Flights:
                return await WriteAllAsync(FlightTrip.Parser, records, writer.WriteAsync, cancellationToken)
                    .ConfigureAwait(false);
            case Feed.Cases:
                return await WriteAllAsync(CaseReport.Parser, records, writer.WriteAsync, cancellationToken)
                    .ConfigureAwait(false);
            case Feed.CaseLocations:
                return await WriteAllAsync(CaseLocation.Parser, records, writer.WriteAsync, cancellationToken)
                    .ConfigureAwait(false);
            case Feed.Declarations:
                return await WriteAllAsync(Declaration.Parser, records, writer.WriteAsync, cancellationToken)
                    .ConfigureAwait(false);
            default:
                throw new ArgumentOutOfRangeException(nameof(feed), feed, "Unknown feed.");
        }
    }

    /// <summary>Writes the risk engine's contacts or code changes from <paramref name="records"/>.</summary>
    public static Task<int> WriteDecisionsAsync(string topic, IReadOnlyList<KafkaRecord> records,
        EventWriter writer, CancellationToken cancellationToken) => topic switch
        {
            Topics.Contacts => WriteAllAsync(Contact.Parser, records, writer.WriteAsync, cancellationToken),
            Topics.CodeChanges => WriteAllAsync(CodeChange.Parser, records, writer.WriteAsync, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(topic), topic, "Not a risk engine topic."),
        };

    private static async Task<int> WriteAllAsync<T>(MessageParser<T> parser, IReadOnlyList<KafkaRecord> records,
        Func<IReadOnlyList<T>, CancellationToken, Task> write, CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        var events = records.Select(record => Decode(parser, record)).ToList();
        await write(events, cancellationToken).ConfigureAwait(false);
        return events.Count;
    }

    /// <summary>Parses one canonical record; a record that does not decode names itself in the error.</summary>
    internal static T Decode<T>(MessageParser<T> parser, KafkaRecord record)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(record.Value);
        }
        catch (InvalidProtocolBufferException ex)
        {
            // A canonical record that does not decode was not written by ingest; stopping keeps it uncommitted.
            throw new InvalidDataException($"{record} is not a valid {typeof(T).Name}: {ex.Message}", ex);
        }
    }
}
