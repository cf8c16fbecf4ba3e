using System.Text.Json;
using HealthCode.Simulator.Engine;
using HealthCode.Simulator.Epidemic;
using HealthCode.Simulator.Feeds;
using HealthCode.Simulator.Mobility;

namespace HealthCode.Simulator.Truth;

/// <summary>Renders the ground-truth records: infections, contacts, trajectory segments and malformed lines.</summary>
internal sealed class TruthRecords
{
    private readonly World _world;

    public TruthRecords(World world)
    {
        _world = world;
    }

    public void WriteInfection(Utf8JsonWriter writer, InfectionCourse course)
    {
        var clock = _world.Clock;
        writer.WriteStartObject();
        writer.WriteString("id_number", IdOf(course.Person));
        writer.WriteTimestamp(JsonEncodedText.Encode("infected_at"), clock, course.InfectedAt);

        if (course.Source >= 0)
        {
            writer.WriteString("source_id_number", IdOf(course.Source));
            WritePlace(writer, course.PlaceId);
            writer.WriteTimestamp(JsonEncodedText.Encode("exposure_from"), clock, course.ExposureFrom);
            writer.WriteTimestamp(JsonEncodedText.Encode("exposure_to"), clock, course.ExposureTo);
        }
        else
        {
            writer.WriteNull("source_id_number");
            writer.WriteNull("place");
        }

        writer.WriteBoolean("symptomatic", course.Symptomatic);
        WriteOptionalTime(writer, "onset_at", course.OnsetAt);
        writer.WriteTimestamp(JsonEncodedText.Encode("infectious_from"), clock, course.InfectiousFrom);
        writer.WriteTimestamp(JsonEncodedText.Encode("infectious_to"), clock, course.InfectiousTo);
        writer.WriteEndObject();
    }

    public void WriteContact(Utf8JsonWriter writer, TrueContact contact)
    {
        var clock = _world.Clock;
        writer.WriteStartObject();
        writer.WriteString("id_number", IdOf(contact.Person));
        writer.WriteString("case_id_number", IdOf(contact.Window.CasePerson));
        writer.WriteString("rule", RuleName(contact.Rule));

        if (contact.Cell is { } cell)
        {
            writer.WriteStartObject("cell");
            writer.WriteNumber("row", cell.Row);
            writer.WriteNumber("col", cell.Col);
            writer.WriteEndObject();
        }

        if (contact.PersonRide is { } ride)
        {
            writer.WriteString("service", ride.Service.Number);
            writer.WriteString("service_date", clock.FormatDate(ride.Service.Departures[0]));
            writer.WriteString("seat", ride.SeatLabel);

            if (!ride.Service.IsFlight)
            {
                writer.WriteNumber("carriage", ride.Carriage);
            }
        }

        writer.WriteTimestamp(JsonEncodedText.Encode("from"), clock, contact.From);
        writer.WriteTimestamp(JsonEncodedText.Encode("to"), clock, contact.To);
        writer.WriteTimestamp(JsonEncodedText.Encode("window_from"), clock, contact.Window.From);
        writer.WriteTimestamp(JsonEncodedText.Encode("window_to"), clock, contact.Window.To);
        writer.WriteTimestamp(JsonEncodedText.Encode("case_reported_at"), clock, contact.Window.FirstReport);
        writer.WriteEndObject();
    }

    public void WriteSegment(Utf8JsonWriter writer, (int Person, Segment Segment) item)
    {
        var (person, segment) = item;
        writer.WriteStartObject();
        writer.WriteString("id_number", IdOf(person));
        writer.WriteString("kind", segment.Kind.ToString().ToLowerInvariant());

        if (segment.PlaceId >= 0)
        {
            WritePlace(writer, segment.PlaceId);
        }
        else
        {
            writer.WriteNull("place");
        }

        writer.WriteTimestamp(JsonEncodedText.Encode("start"), _world.Clock, segment.Start);
        writer.WriteTimestamp(JsonEncodedText.Encode("end"), _world.Clock, segment.End);
        writer.WriteDegrees(JsonEncodedText.Encode("from_lat"), segment.From.Lat);
        writer.WriteDegrees(JsonEncodedText.Encode("from_lon"), segment.From.Lon);
        writer.WriteDegrees(JsonEncodedText.Encode("to_lat"), segment.To.Lat);
        writer.WriteDegrees(JsonEncodedText.Encode("to_lon"), segment.To.Lon);
        writer.WriteEndObject();
    }

    public static void WriteMalformed(Utf8JsonWriter writer, MalformedLine line)
    {
        writer.WriteStartObject();
        writer.WriteString("feed", line.Feed);
        writer.WriteNumber("line", line.Line);
        writer.WriteString("kind", line.Kind.ToString());
        writer.WriteEndObject();
    }

    public static string RuleName(ContactRule rule) => rule switch
    {
        ContactRule.Companion => "companion",
        ContactRule.Rail => "rail",
        ContactRule.Flight => "flight",
        _ => "fellow_traveller",
    };

    private string IdOf(int person) => _world.People[person].IdNumber;

    private void WritePlace(Utf8JsonWriter writer, int placeId)
    {
        var place = _world.Places[placeId];
        writer.WriteStartObject("place");
        writer.WriteNumber("id", place.Id);
        writer.WriteString("kind", place.KindName);
        writer.WriteString("name", place.Name);
        writer.WriteDegrees(JsonEncodedText.Encode("lat"), place.Position.Lat);
        writer.WriteDegrees(JsonEncodedText.Encode("lon"), place.Position.Lon);
        writer.WriteEndObject();
    }

    private void WriteOptionalTime(Utf8JsonWriter writer, string name, int time)
    {
        if (time == InfectionCourse.Never)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteTimestamp(JsonEncodedText.Encode(name), _world.Clock, time);
        }
    }
}
