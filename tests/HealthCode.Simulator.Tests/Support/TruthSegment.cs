using System.Text.Json;

namespace HealthCode.Simulator.Tests.Support;

/// <summary>One line of <c>truth/trajectories.jsonl</c>: a piece of a person's true path.</summary>
internal sealed record TruthSegment(string Kind, int? PlaceId, string? PlaceKind, long Start, long End,
    double FromLat, double FromLon, double ToLat, double ToLon)
{
    public static TruthSegment Parse(JsonElement r)
    {
        var place = r.GetProperty("place");
        var hasPlace = place.ValueKind == JsonValueKind.Object;
        return new TruthSegment(
            r.GetProperty("kind").GetString()!,
            hasPlace ? place.GetProperty("id").GetInt32() : null,
            hasPlace ? place.GetProperty("kind").GetString() : null,
            Iso.Parse(r.GetProperty("start").GetString()!).ToUnixTimeSeconds(),
            Iso.Parse(r.GetProperty("end").GetString()!).ToUnixTimeSeconds(),
            r.GetProperty("from_lat").GetDouble(), r.GetProperty("from_lon").GetDouble(),
            r.GetProperty("to_lat").GetDouble(), r.GetProperty("to_lon").GetDouble());
    }

    /// <summary>Linear in degrees between the ends, as the simulator moves people.</summary>
    public (double Lat, double Lon) PositionAt(long unixSeconds)
    {
        var f = End > Start ? (unixSeconds - Start) / (double)(End - Start) : 0;
        return (FromLat + (ToLat - FromLat) * f, FromLon + (ToLon - FromLon) * f);
    }
}
