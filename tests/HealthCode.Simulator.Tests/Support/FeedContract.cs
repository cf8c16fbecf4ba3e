using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HealthCode.Simulator.Tests.Support;

/// <summary>
/// The partner-feed contract of the design, written again for the tests: returns why a line breaks it, or
/// null for a valid line. Carriage numbers must be 1 to 16 and flight seats a row then a letter, as in the brief.
/// </summary>
internal static partial class FeedContract
{
    public static string? Problem(string feed, string line) => feed switch
    {
        FeedNames.Pings => PingProblem(line),
        _ => JsonProblem(feed, line),
    };

    private static string? PingProblem(string line)
    {
        var fields = line.Split(',');

        if (fields.Length != 5)
        {
            return "column count";
        }

        if (!E164().IsMatch(fields[0]))
        {
            return "msisdn";
        }

        if (!TryNumber(fields[1], out var lat) || lat is < -90 or > 90)
        {
            return "lat";
        }

        if (!TryNumber(fields[2], out var lon) || lon is < -180 or > 180)
        {
            return "lon";
        }

        if (!TryNumber(fields[3], out var accuracy) || accuracy is <= 0 or > 100_000)
        {
            return "accuracy_m";
        }

        return Iso.TryParse(fields[4], out _) ? null : "observed_at";
    }

    private static string? JsonProblem(string feed, string line)
    {
        JsonDocument document;

        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return "not JSON";
        }

        using (document)
        {
            var root = document.RootElement;

            if (root.ValueKind != JsonValueKind.Object)
            {
                return "not an object";
            }

            return feed switch
            {
                FeedNames.Subscribers => Subscriber(root),
                FeedNames.Rail => Rail(root),
                FeedNames.Flights => Flight(root),
                FeedNames.Cases => Case(root),
                FeedNames.CaseLocations => CaseLocation(root),
                FeedNames.Declarations => Declaration(root),
                _ => "unknown feed",
            };
        }
    }

    private static string? Subscriber(JsonElement r) =>
        Text(r, "msisdn", E164()) ?? IdNumber(r) ?? Text(r, "carrier") ?? Time(r, "registered_at");

    private static string? Rail(JsonElement r) =>
        IdNumber(r) ?? Text(r, "train") ?? Date(r, "service_date") ?? Integer(r, "carriage", 1, 16)
        ?? Text(r, "seat") ?? Text(r, "from") ?? Text(r, "to") ?? Ordered(r, "departs_at", "arrives_at");

    private static string? Flight(JsonElement r) =>
        IdNumber(r) ?? Text(r, "flight") ?? Date(r, "service_date") ?? Text(r, "seat", FlightSeat())
        ?? Text(r, "from") ?? Text(r, "to") ?? Ordered(r, "departs_at", "arrives_at");

    private static string? Case(JsonElement r) =>
        IdNumber(r) ?? Text(r, "status", Status()) ?? Time(r, "reported_at");

    private static string? CaseLocation(JsonElement r) =>
        IdNumber(r) ?? Number(r, "lat", -90, 90) ?? Number(r, "lon", -180, 180) ?? Number(r, "radius_m", 0, 50_000)
        ?? Ordered(r, "from", "to")
        ?? (r.TryGetProperty("venue", out var venue) && venue.ValueKind != JsonValueKind.String ? "venue" : null);

    private static string? Declaration(JsonElement r)
    {
        var problem = IdNumber(r) ?? Time(r, "declared_at") ?? Number(r, "temperature_c", 30, 45);

        if (problem is not null)
        {
            return problem;
        }

        if (!r.TryGetProperty("symptoms", out var symptoms) || symptoms.ValueKind != JsonValueKind.Array)
        {
            return "symptoms";
        }

        return symptoms.EnumerateArray().All(s => s.ValueKind == JsonValueKind.String) ? null : "symptoms";
    }

    private static string? IdNumber(JsonElement r) => Text(r, "id_number", IdShape());

    private static string? Text(JsonElement r, string name, Regex? shape = null) =>
        r.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && !string.IsNullOrWhiteSpace(value.GetString()) && (shape is null || shape.IsMatch(value.GetString()!))
            ? null
            : name;

    private static string? Time(JsonElement r, string name) =>
        r.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && Iso.TryParse(value.GetString(), out _)
            ? null
            : name;

    private static string? Date(JsonElement r, string name) =>
        r.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && Iso.IsDate(value.GetString())
            ? null
            : name;

    private static string? Number(JsonElement r, string name, double min, double max) =>
        r.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
        && value.GetDouble() >= min && value.GetDouble() <= max
            ? null
            : name;

    private static string? Integer(JsonElement r, string name, int min, int max) =>
        r.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
        && value.TryGetInt32(out var n) && n >= min && n <= max
            ? null
            : name;

    private static string? Ordered(JsonElement r, string from, string to)
    {
        var problem = Time(r, from) ?? Time(r, to);

        if (problem is not null)
        {
            return problem;
        }

        return Iso.Parse(r.GetProperty(to).GetString()!) >= Iso.Parse(r.GetProperty(from).GetString()!)
            ? null
            : to + " before " + from;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    [GeneratedRegex(@"^\+[1-9]\d{6,14}$")]
    private static partial Regex E164();

    [GeneratedRegex("^[A-Za-z0-9]{4,32}$")]
    private static partial Regex IdShape();

    [GeneratedRegex("^[1-9][0-9]{0,2}[A-Z]$")]
    private static partial Regex FlightSeat();

    [GeneratedRegex("^(confirmed|suspected|cleared)$")]
    private static partial Regex Status();
}
