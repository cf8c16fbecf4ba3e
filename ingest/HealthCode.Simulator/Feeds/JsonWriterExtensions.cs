using System.Text.Json;
using HealthCode.Simulator.Time;

namespace HealthCode.Simulator.Feeds;

/// <summary>Writes simulation times and coordinates the way every feed spells them.</summary>
internal static class JsonWriterExtensions
{
    public static void WriteTimestamp(this Utf8JsonWriter writer, JsonEncodedText name, SimClock clock, long seconds)
    {
        Span<byte> buffer = stackalloc byte[40];
        var length = clock.Format(seconds, buffer);
        writer.WriteString(name, buffer[..length]);
    }

    /// <summary>Degrees to six decimals (about 0.1 m), more than any feed's accuracy.</summary>
    public static void WriteDegrees(this Utf8JsonWriter writer, JsonEncodedText name, double degrees) =>
        writer.WriteNumber(name, Math.Round(degrees, 6));
}
