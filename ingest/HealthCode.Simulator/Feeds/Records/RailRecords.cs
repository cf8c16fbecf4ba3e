using System.Text.Json;
using HealthCode.Simulator.Engine;
using HealthCode.Simulator.Travel;

namespace HealthCode.Simulator.Feeds.Records;

/// <summary>
/// The <c>rail</c> feed: one line per passenger journey actually taken. <c>ticket_class</c> is not in the
/// contract; it is there because real manifests carry more fields than the contract uses.
/// </summary>
internal sealed class RailRecords
{
    private static readonly JsonEncodedText IdNumber = JsonEncodedText.Encode("id_number");
    private static readonly JsonEncodedText Train = JsonEncodedText.Encode("train");
    private static readonly JsonEncodedText ServiceDate = JsonEncodedText.Encode("service_date");
    private static readonly JsonEncodedText Carriage = JsonEncodedText.Encode("carriage");
    private static readonly JsonEncodedText Seat = JsonEncodedText.Encode("seat");
    private static readonly JsonEncodedText From = JsonEncodedText.Encode("from");
    private static readonly JsonEncodedText To = JsonEncodedText.Encode("to");
    private static readonly JsonEncodedText DepartsAt = JsonEncodedText.Encode("departs_at");
    private static readonly JsonEncodedText ArrivesAt = JsonEncodedText.Encode("arrives_at");
    private static readonly JsonEncodedText TicketClass = JsonEncodedText.Encode("ticket_class");

    private readonly World _world;

    public RailRecords(World world)
    {
        _world = world;
    }

    public void Write(Utf8JsonWriter writer, Ride ride)
    {
        var clock = _world.Clock;
        writer.WriteStartObject();
        writer.WriteString(IdNumber, _world.People[ride.PersonIndex].IdNumber);
        writer.WriteString(Train, ride.Service.Number);
        writer.WriteString(ServiceDate, clock.FormatDate(ride.Service.Departures[0]));
        writer.WriteNumber(Carriage, ride.Carriage);
        writer.WriteString(Seat, ride.SeatLabel);
        writer.WriteString(From, ride.From.ManifestName);
        writer.WriteString(To, ride.To.ManifestName);
        writer.WriteTimestamp(DepartsAt, clock, ride.Departs);
        writer.WriteTimestamp(ArrivesAt, clock, ride.Arrives);
        writer.WriteString(TicketClass, ride.Carriage == 1 ? "first" : "second");
        writer.WriteEndObject();
    }

    /// <summary>A plausible journey to break when no real one exists.</summary>
    public void WriteSample(Utf8JsonWriter writer)
    {
        var service = _world.Timetable.Services.First(s => !s.IsFlight);
        var ride = new Ride(service, 0, 0, service.Stops.Count - 1) { Carriage = 5, SeatRow = 5, SeatLetter = 'F' };
        Write(writer, ride);
    }
}
