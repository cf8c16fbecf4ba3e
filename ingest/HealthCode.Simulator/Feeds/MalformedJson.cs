using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace HealthCode.Simulator.Feeds;

/// <summary>
/// Breaks a valid JSON line in a chosen way. Works on a parsed copy because it runs for a handful of lines per
/// feed; the valid lines never pass through here.
/// </summary>
internal static class MalformedJson
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:sszzz";

    /// <summary>The broken line (without its newline); <paramref name="variant"/> picks among sub-variants.</summary>
    public static byte[] Create(MalformedKind kind, int variant, byte[] template, FeedShape shape)
    {
        var text = Encoding.UTF8.GetString(template);

        if (kind == MalformedKind.BadJson)
        {
            // Any proper prefix of an object lacks its closing brace, so it can never parse.
            return Encoding.UTF8.GetBytes(text[..Math.Max(1, text.Length * 3 / 5)]);
        }

        if (kind == MalformedKind.NotAnObject)
        {
            return Encoding.UTF8.GetBytes("[" + text + "]");
        }

        var node = JsonNode.Parse(text)!.AsObject();
        Mutate(node, kind, variant, shape);
        return Encoding.UTF8.GetBytes(node.ToJsonString(JsonOutput.SerializerOptions));
    }

    private static void Mutate(JsonObject node, MalformedKind kind, int variant, FeedShape shape)
    {
        switch (kind)
        {
            case MalformedKind.MissingField:
                node.Remove(shape.Required[variant % shape.Required.Count]);
                break;
            case MalformedKind.WrongType:
                node[shape.WrongTypeField] = shape.WrongTypeValue.DeepClone();
                break;
            case MalformedKind.BadTimestamp:
                node[shape.Timestamps[variant % shape.Timestamps.Count]] = Pick(BrokenValues.BadTimestamps, variant);
                break;
            case MalformedKind.BadIdNumber:
                node["id_number"] = Pick(BrokenValues.BadIdNumbers, variant);
                break;
            case MalformedKind.BadMsisdn:
                node["msisdn"] = Pick(BrokenValues.BadMsisdns, variant);
                break;
            case MalformedKind.LatitudeOutOfRange:
                node["lat"] = variant % 2 == 0 ? 91.5 : -123.4;
                break;
            case MalformedKind.LongitudeOutOfRange:
                node["lon"] = variant % 2 == 0 ? 190.25 : -181.0;
                break;
            case MalformedKind.BadSeat:
                node["seat"] = Pick(BrokenValues.BadSeats, variant);
                break;
            case MalformedKind.CarriageOutOfRange:
                node["carriage"] = variant % 2 == 0 ? 0 : -3;
                break;
            case MalformedKind.ArrivesBeforeDeparts:
                node["arrives_at"] = Shift(node["departs_at"]!.GetValue<string>(), TimeSpan.FromHours(-1));
                break;
            case MalformedKind.BadServiceDate:
                node["service_date"] = Pick(BrokenValues.BadDates, variant);
                break;
            case MalformedKind.UnknownStatus:
                node["status"] = Pick(BrokenValues.BadStatuses, variant);
                break;
            case MalformedKind.NegativeRadius:
                node["radius_m"] = -150;
                break;
            case MalformedKind.EndsBeforeStart:
                node["to"] = Shift(node["from"]!.GetValue<string>(), TimeSpan.FromHours(-2));
                break;
            case MalformedKind.SymptomsNotAList:
                node["symptoms"] = "cough";
                break;
            case MalformedKind.ImplausibleTemperature:
                // A Fahrenheit reading typed into a Celsius field: the classic real-world mistake.
                node["temperature_c"] = 98.6;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a JSON breakage");
        }
    }

    private static string Pick(string[] values, int variant) => values[variant % values.Length];

    private static string Shift(string timestamp, TimeSpan by) =>
        DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture).Add(by)
            .ToString(TimestampFormat, CultureInfo.InvariantCulture);
}
