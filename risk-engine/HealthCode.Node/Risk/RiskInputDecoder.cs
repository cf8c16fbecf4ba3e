using Google.Protobuf;
using HealthCode.Contracts.Feeds;
using HealthCode.Kafka;
using HealthCode.Node.Roles;
using HealthCode.Risk.Engine;
using HealthCode.Risk.Inputs;
using V1 = HealthCode.Contracts.Events.V1;

namespace HealthCode.Node.Risk;

/// <summary>Decodes canonical records into the detection engine's inputs.</summary>
internal static class RiskInputDecoder
{
    /// <summary>
    /// Adds every event of <paramref name="record"/> to the engine; returns how many events it held.
    /// </summary>
    public static int Add(IRecordSink engine, KafkaRecord record)
    {
        if (!FeedNames.TryParse(record.Topic, out var feed))
        {
            throw new InvalidDataException($"{record} is on {record.Topic}, which is not a canonical feed topic.");
        }

        switch (feed)
        {
            case Feed.Pings:
                var batch = CanonicalDecoder.Decode(V1.PingBatch.Parser, record);
                foreach (var ping in batch.Pings)
                {
                    engine.AddPing(ping.SubscriberKey, RecordKeys.FromBytes(ping.RecordId.Span), ping.ObservedAtMs,
                        ping.Lat, ping.Lon);
                }

                return batch.Pings.Count;
            case Feed.Subscribers:
                var subscriber = CanonicalDecoder.Decode(V1.Subscriber.Parser, record);
                engine.Add(new SubscriberRegistration(Id(subscriber.RecordId), subscriber.SubscriberKey,
                    subscriber.PersonKey, At(subscriber.RegisteredAtMs)));
                return 1;
            case Feed.Rail:
                var rail = CanonicalDecoder.Decode(V1.RailTrip.Parser, record);
                engine.Add(new RailTrip(Id(rail.RecordId), rail.PersonKey, rail.Train, rail.ServiceDate, rail.Carriage,
                    At(rail.DepartsAtMs), At(rail.ArrivesAtMs)));
                return 1;
            case Feed.Flights:
                var flight = CanonicalDecoder.Decode(V1.FlightTrip.Parser, record);
                engine.Add(new FlightTrip(Id(flight.RecordId), flight.PersonKey, flight.Flight, flight.ServiceDate,
                    flight.SeatRow, At(flight.DepartsAtMs), At(flight.ArrivesAtMs)));
                return 1;
            case Feed.Cases:
                engine.Add(ToReport(CanonicalDecoder.Decode(V1.CaseReport.Parser, record)));
                return 1;
            case Feed.CaseLocations:
                var location = CanonicalDecoder.Decode(V1.CaseLocation.Parser, record);
                engine.Add(new CaseLocation(Id(location.RecordId), location.CasePersonKey, location.Lat, location.Lon,
                    location.RadiusM, At(location.FromMs), At(location.ToMs),
                    location.Venue.Length == 0 ? null : location.Venue));
                return 1;
            case Feed.Declarations:
                var declaration = CanonicalDecoder.Decode(V1.Declaration.Parser, record);
                engine.Add(new Declaration(Id(declaration.RecordId), declaration.PersonKey,
                    At(declaration.DeclaredAtMs), declaration.TemperatureC, [.. declaration.Symptoms]));
                return 1;
            default:
                throw new ArgumentOutOfRangeException(nameof(record), feed, "Unknown feed.");
        }
    }

    private static CaseReport ToReport(V1.CaseReport report)
    {
        var status = report.Status switch
        {
            V1.CaseStatus.Confirmed => CaseStatus.Confirmed,
            V1.CaseStatus.Suspected => CaseStatus.Suspected,
            V1.CaseStatus.Cleared => CaseStatus.Cleared,
            _ => throw new InvalidDataException(
                $"Case report {Id(report.RecordId)} has status {report.Status}, which ingest never writes."),
        };
        return new CaseReport(Id(report.RecordId), report.PersonKey, status, At(report.ReportedAtMs));
    }

    private static string Id(ByteString recordId) => RecordKeys.ToHex(recordId.Span);

    private static DateTimeOffset At(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
}
