using System.Globalization;
using System.Text;
using System.Text.Json;
using V1 = HealthCode.Contracts.Events.V1;

namespace HealthCode.Node.Replay;

/// <summary>
/// Writes the replay output: one JSON line per person whose code is not green, sorted by person, with every
/// timestamp in UTC to the millisecond, so the same records always give the same bytes.
/// </summary>
internal static class CodeLines
{
    /// <summary>The lines of every non-green person among <paramref name="latest"/> (sorted by person key).</summary>
    public static string Format(IEnumerable<V1.CodeChange> latest)
    {
        var text = new StringBuilder();

        foreach (var change in latest.Where(c => c.NewColour != V1.CodeColour.Green)
                     .OrderBy(c => c.PersonKey, StringComparer.Ordinal))
        {
            text.Append(Line(change)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>One person's line.</summary>
    public static string Line(V1.CodeChange change)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("person", change.PersonKey);
            json.WriteString("color", change.NewColour == V1.CodeColour.Red ? "red" : "yellow");

            if (change.HasValidUntilMs)
            {
                json.WriteString("until", Timestamp(change.ValidUntilMs));
            }
            else
            {
                json.WriteNull("until");
            }

            json.WriteStartArray("evidence");
            foreach (var evidence in change.Evidence)
            {
                WriteEvidence(json, evidence);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>An instant as the output writes it: UTC, milliseconds, a Z suffix.</summary>
    public static string Timestamp(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs)
        .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void WriteEvidence(Utf8JsonWriter json, V1.CodeEvidence evidence)
    {
        json.WriteStartObject();
        json.WriteString("rule", evidence.Rule);
        if (evidence.CaseRef.Length > 0)
        {
            json.WriteString("case", evidence.CaseRef);
        }

        json.WriteString("place", evidence.Place);
        json.WriteString("from", Timestamp(evidence.FromMs));
        json.WriteString("to", Timestamp(evidence.ToMs));
        json.WriteString("rule_set", evidence.RuleSetVersion);
        json.WriteStartArray("records");
        foreach (var id in evidence.RecordIds)
        {
            json.WriteStringValue(id);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
