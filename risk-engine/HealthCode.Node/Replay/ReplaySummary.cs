using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthCode.Node.Replay;

/// <summary>What <c>replay --summary</c> writes: the inputs, what was rejected and what the engine decided.</summary>
internal sealed record ReplaySummary
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The instant the codes were evaluated at.</summary>
    [JsonPropertyName("now")]
    public required string Now { get; init; }

    /// <summary>Valid records ingested, by feed.</summary>
    [JsonPropertyName("records")]
    public required IReadOnlyDictionary<string, long> Records { get; init; }

    /// <summary>Lines rejected to the dead-letter topics, by feed.</summary>
    [JsonPropertyName("dead_letters")]
    public required IReadOnlyDictionary<string, long> DeadLetters { get; init; }

    /// <summary>Records the engine ignored because they are timestamped after now.</summary>
    [JsonPropertyName("after_now")]
    public required long AfterNow { get; init; }

    /// <summary>Distinct pings the engine holds at the end (the valid pings up to now, each once).</summary>
    [JsonPropertyName("engine_pings")]
    public required long EnginePings { get; init; }

    /// <summary>Distinct (person, case) contacts, by rule.</summary>
    [JsonPropertyName("contacts")]
    public required IReadOnlyDictionary<string, int> Contacts { get; init; }

    /// <summary>Persons red and yellow at now.</summary>
    [JsonPropertyName("codes")]
    public required IReadOnlyDictionary<string, int> Codes { get; init; }

    /// <summary>The summary as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
