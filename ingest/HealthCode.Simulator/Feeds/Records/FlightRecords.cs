using System.Text.Json;
using HealthCode.Simulator.Engine;
using HealthCode.Simulator.Travel;

namespace HealthCode.Simulator.Feeds.Records;

/// <summary>The <c>flights</c> feed: one line per passenger flight taken, airports as IATA codes.</summary>
internal sealed class FlightRecords
{
    private static readonly JsonEncodedText IdNumber = JsonEncodedText.Encode("id_number");
    private static readonly JsonEncodedText Flight = JsonEncodedText.Encode("flight");
    private static readonly JsonEncodedText ServiceDate = JsonEncodedText.Encode("service_date");
    private static readonly JsonEncodedText Seat = JsonEncodedText.Encode("seat");
    private static readonly JsonEncodedText From = JsonEncodedText.Encode("from");
    private static readonly JsonEncodedText To = JsonEncodedText.Encode("to");
    private static readonly JsonEncodedText DepartsAt = JsonEncodedText.Encode("departs_at");
    private static readonly JsonEncodedText ArrivesAt = JsonEncodedText.Encode("arrives_at");
    private static readonly JsonEncodedText Cabin = JsonEncodedText.Encode("cabin");

    private readonly World _world;

    public FlightRecords(World world)
    {
        _world = world;
    }

    public void Write(Utf8JsonWriter writer, Ride ride)
    {
        var clock = _world.Clock;
        writer.WriteStartObject();
        writer.WriteString(IdNumber, _world.People[ride.PersonIndex].IdNumber);
        writer.WriteString(Flight, ride.Service.Number);
        writer.WriteString(ServiceDate, clock.FormatDate(ride.Service.Departures[0]));
        writer.WriteString(Seat, ride.SeatLabel);
        writer.WriteString(From, ride.From.ManifestName);
        writer.WriteString(To, ride.To.ManifestName);
        writer.WriteTimestamp(DepartsAt, clock, ride.Departs);
        writer.WriteTimestamp(ArrivesAt, clock, ride.Arrives);
        writer.WriteString(Cabin, ride.SeatRow <= 3 ? "business" : "economy");
        writer.WriteEndObject();
    }

    public void WriteSample(Utf8JsonWriter writer)
    {
        var service = _world.Timetable.Services.First(s => s.IsFlight);
        Write(writer, new Ride(service, 0, 0, 1) { SeatRow = 32, SeatLetter = 'A' });
    }
}
