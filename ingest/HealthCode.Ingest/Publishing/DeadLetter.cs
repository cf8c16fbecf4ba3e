using System.Text;
using System.Text.Json;
using HealthCode.Contracts.Feeds;
using HealthCode.Ingest.Parsing;

namespace HealthCode.Ingest.Publishing;

/// <summary>
/// Encodes a rejected line for <c>&lt;feed&gt;.dead-letter</c>: where it came from, why, and the line itself.
/// </summary>
/// <remarks>
/// The raw line is kept so that the data team can correct and resend it; it may hold raw identifiers, which is
/// why dead-letter topics belong to ingest alone, with short retention and no consumers outside the team.
/// </remarks>
public static class DeadLetter
{
    /// <summary>
    /// Longest raw line kept. Past this the line is cut and <c>raw_truncated</c> set: a whole 1 MiB line would
    /// exceed Kafka's default message size and fail the produce, and the start of a line shows what is wrong.
    /// </summary>
    public const int MaxRawBytes = 64 * 1024;

    /// <summary>The JSON value of a dead-letter record.</summary>
    public static byte[] Encode(ParseError error, string source, ReadOnlySpan<byte> rawLine)
    {
        var truncated = rawLine.Length > MaxRawBytes;

        using var buffer = new MemoryStream();

        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("feed", error.Feed.Name());
            json.WriteString("source", source);
            json.WriteNumber("line", error.Line);
            WriteOptional(json, "field", error.Field);
            WriteOptional(json, "value", error.Value);
            json.WriteString("reason", error.Reason);
            json.WriteString("error", error.ToString());
            json.WriteString("raw", Encoding.UTF8.GetString(truncated ? rawLine[..MaxRawBytes] : rawLine));
            json.WriteBoolean("raw_truncated", truncated);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
