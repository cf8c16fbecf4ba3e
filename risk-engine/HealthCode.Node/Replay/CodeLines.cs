using System.Globalization;
using System.Text;
using System.Text.Json;
using HealthCode.Node.Risk;
using HealthCode.Risk;
using HealthCode.Risk.Cluster.Persons;
using HealthCode.Risk.Codes;
using HealthCode.Risk.Rules;

namespace HealthCode.Node.Replay;

/// <summary>
/// Writes the replay output: one JSON line per person whose code is not green, sorted by person, with every
/// timestamp in UTC to the millisecond, so the same records always give the same bytes.
/// </summary>
internal static class CodeLines
{
    /// <summary>The lines of every non-green person among <paramref name="codes"/>, sorted by person key.</summary>
    public static string Format(IEnumerable<CodeAck> codes)
    {
        var text = new StringBuilder();

        foreach (var code in codes.Where(c => c.Code.Colour != CodeColour.Green)
                     .OrderBy(c => c.PersonKey, StringComparer.Ordinal))
        {
            text.Append(Line(code.PersonKey, code.Code)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>One person's line.</summary>
    public static string Line(string personKey, CodeState code)
    {
        ArgumentNullException.ThrowIfNull(code);

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("person", personKey);
            json.WriteString("color", RiskEvents.ColourName(code.Colour));

            if (code.ValidUntil is { } until)
            {
                json.WriteString("until", Timestamp(until.ToUnixTimeMilliseconds()));
            }
            else
            {
                json.WriteNull("until");
            }

            json.WriteStartArray("evidence");
            foreach (var evidence in code.Evidence)
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

    private static void WriteEvidence(Utf8JsonWriter json, Evidence evidence)
    {
        json.WriteStartObject();
        json.WriteString("rule", RiskEvents.RuleName(evidence.Rule));
        if (evidence.CaseKey is { } caseKey)
        {
            json.WriteString("case", CaseReference.Of(caseKey));
        }

        json.WriteString("place", evidence.Place);
        json.WriteString("from", Timestamp(evidence.Span.Start.ToUnixTimeMilliseconds()));
        json.WriteString("to", Timestamp(evidence.Span.End.ToUnixTimeMilliseconds()));
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
