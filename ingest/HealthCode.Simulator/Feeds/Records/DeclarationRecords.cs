using System.Text.Json;
using HealthCode.Simulator.Engine;
using HealthCode.Simulator.Reports;

namespace HealthCode.Simulator.Feeds.Records;

/// <summary>The <c>declarations</c> feed.</summary>
internal sealed class DeclarationRecords
{
    private static readonly JsonEncodedText IdNumber = JsonEncodedText.Encode("id_number");
    private static readonly JsonEncodedText DeclaredAt = JsonEncodedText.Encode("declared_at");
    private static readonly JsonEncodedText TemperatureC = JsonEncodedText.Encode("temperature_c");
    private static readonly JsonEncodedText Symptoms = JsonEncodedText.Encode("symptoms");

    private readonly World _world;

    public DeclarationRecords(World world)
    {
        _world = world;
    }

    public void Write(Utf8JsonWriter writer, DeclarationLine line)
    {
        writer.WriteStartObject();
        writer.WriteString(IdNumber, _world.People[line.Person].IdNumber);
        writer.WriteTimestamp(DeclaredAt, _world.Clock, line.DeclaredAt);
        writer.WriteNumber(TemperatureC, line.TemperatureC);
        writer.WriteStartArray(Symptoms);

        foreach (var symptom in line.Symptoms)
        {
            writer.WriteStringValue(symptom);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public void WriteSample(Utf8JsonWriter writer) => Write(writer, new DeclarationLine(0, 30_000, 36.5, []));
}
