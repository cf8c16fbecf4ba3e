using System.Text;
using System.Text.Json;

namespace HealthCode.Ingest.Tests.Publishing;

/// <summary>Writes one JSON Lines record from named fields, so a bad line reads as "the good one, except".</summary>
internal static class JsonLine
{
    /// <summary>
    /// The fields in order with <paramref name="overrides"/> applied: an override replaces the field of that name
    /// (or is added at the end), and an override to null leaves the field out.
    /// </summary>
    public static string Of(IEnumerable<(string Name, object? Value)> fields,
        params (string Name, object? Value)[] overrides)
    {
        var merged = fields.ToList();

        foreach (var (name, value) in overrides)
        {
            var at = merged.FindIndex(field => field.Name == name);

            if (at < 0)
            {
                merged.Add((name, value));
            }
            else
            {
                merged[at] = (name, value);
            }
        }

        using var buffer = new MemoryStream();

        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();

            foreach (var (name, value) in merged.Where(field => field.Value is not null))
            {
                json.WritePropertyName(name);
                JsonSerializer.Serialize(json, value);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
