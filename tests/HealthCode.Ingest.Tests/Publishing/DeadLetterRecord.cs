using System.Text.Json;

namespace HealthCode.Ingest.Tests.Publishing;

/// <summary>The JSON value of a dead-letter record, decoded for assertions.</summary>
internal sealed record DeadLetterRecord(string Feed, string Source, long Line, string? Field, string? Value,
    string Reason, string Error, string Raw)
{
    public static DeadLetterRecord Decode(byte[] value)
    {
        using var json = JsonDocument.Parse(value);
        var root = json.RootElement;

        return new DeadLetterRecord(
            root.GetProperty("feed").GetString()!,
            root.GetProperty("source").GetString()!,
            root.GetProperty("line").GetInt64(),
            root.GetProperty("field").GetString(),
            root.GetProperty("value").GetString(),
            root.GetProperty("reason").GetString()!,
            root.GetProperty("error").GetString()!,
            root.GetProperty("raw").GetString()!);
    }
}
