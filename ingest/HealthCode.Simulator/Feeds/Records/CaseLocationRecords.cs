using System.Text.Json;
using HealthCode.Simulator.Engine;
using HealthCode.Simulator.Geo;
using HealthCode.Simulator.Reports;

namespace HealthCode.Simulator.Feeds.Records;

/// <summary>The <c>case_locations</c> feed; <c>venue</c> is left out for homes, as the contract allows.</summary>
internal sealed class CaseLocationRecords
{
    private static readonly JsonEncodedText IdNumber = JsonEncodedText.Encode("id_number");
    private static readonly JsonEncodedText Lat = JsonEncodedText.Encode("lat");
    private static readonly JsonEncodedText Lon = JsonEncodedText.Encode("lon");
    private static readonly JsonEncodedText RadiusM = JsonEncodedText.Encode("radius_m");
    private static readonly JsonEncodedText From = JsonEncodedText.Encode("from");
    private static readonly JsonEncodedText To = JsonEncodedText.Encode("to");
    private static readonly JsonEncodedText Venue = JsonEncodedText.Encode("venue");

    private readonly World _world;

    public CaseLocationRecords(World world)
    {
        _world = world;
    }

    public void Write(Utf8JsonWriter writer, CaseLocationLine line)
    {
        writer.WriteStartObject();
        writer.WriteString(IdNumber, _world.People[line.Person].IdNumber);
        writer.WriteDegrees(Lat, line.Position.Lat);
        writer.WriteDegrees(Lon, line.Position.Lon);
        writer.WriteNumber(RadiusM, line.RadiusMeters);
        writer.WriteTimestamp(From, _world.Clock, line.From);
        writer.WriteTimestamp(To, _world.Clock, line.To);

        if (line.Venue is not null)
        {
            writer.WriteString(Venue, line.Venue);
        }

        writer.WriteEndObject();
    }

    public void WriteSample(Utf8JsonWriter writer)
    {
        var home = _world.Places[_world.People[0].HomePlace].Position;
        Write(writer, new CaseLocationLine(0, new GeoPoint(home.Lat, home.Lon), 100, 0, 3600, null, 3600));
    }
}
