using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthCode.Risk.Cluster.Persistence;

/// <summary>
/// Writes a list of record ids as one string, the ids joined by commas, and reads that or a plain array.
/// </summary>
/// <remarks>
/// A case's flags carry about 40 record ids each and a case raises tens of thousands of flags: written one string
/// each, the ids were a third of the journal's serializing time (a profile of risk-e2e), all on the journal's one
/// thread. An id with a comma in it (feed record ids are hex) is written as an array instead, so nothing is lost.
/// </remarks>
public sealed class RecordIdsJsonConverter : JsonConverter<IReadOnlyList<string>>
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert,
        JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var joined = reader.GetString()!;
            return joined.Length == 0 ? [] : joined.Split(',');
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Record ids must be a string or an array, not {reader.TokenType}.");
        }

        var ids = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            ids.Add(reader.GetString() ?? throw new JsonException("A record id is null."));
        }

        return ids;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);

        if (value.Any(id => id.Contains(',', StringComparison.Ordinal)))
        {
            writer.WriteStartArray();
            foreach (var id in value)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            return;
        }

        writer.WriteStringValue(string.Join(',', value));
    }
}
