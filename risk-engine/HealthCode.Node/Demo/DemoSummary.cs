using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthCode.Node.Demo;

/// <summary>What a demo run did, as printed and as written with <c>--summary FILE</c>.</summary>
internal sealed record DemoSummary
{
    /// <summary>Valid records published, by feed name.</summary>
    [JsonPropertyName("records")]
    public required IReadOnlyDictionary<string, long> Records { get; init; }

    /// <summary>Lines rejected to the dead-letter topics, by feed name.</summary>
    [JsonPropertyName("dead_letters")]
    public required IReadOnlyDictionary<string, long> DeadLetters { get; init; }

    /// <summary>Dead-letter records read back from the topics by the storage role, by feed name.</summary>
    [JsonPropertyName("dead_letters_on_topics")]
    public required IReadOnlyDictionary<string, long> DeadLettersOnTopics { get; init; }

    /// <summary>Distinct records per ClickHouse table.</summary>
    [JsonPropertyName("clickhouse_rows")]
    public required IReadOnlyDictionary<string, long> ClickHouseRows { get; init; }

    /// <summary>Distinct (person, case) contacts the risk engine flags, by rule name.</summary>
    [JsonPropertyName("contacts")]
    public required IReadOnlyDictionary<string, int> Contacts { get; init; }

    /// <summary>Persons whose code changed, by the colour of their latest change.</summary>
    [JsonPropertyName("codes")]
    public required IReadOnlyDictionary<string, int> Codes { get; init; }

    /// <summary>Colour changes this run published on <c>code-changes</c>.</summary>
    [JsonPropertyName("code_changes_published")]
    public required long CodeChangesPublished { get; init; }

    /// <summary>Distinct pings the engine holds at the end: all valid ping lines when nothing was lost.</summary>
    [JsonPropertyName("engine_pings")]
    public required long EnginePings { get; init; }

    /// <summary>
    /// Canonical records the engine never read because the mock cluster had dropped them; 0 in a sound run.
    /// </summary>
    [JsonPropertyName("engine_records_lost")]
    public required long EngineRecordsLost { get; init; }

    /// <summary>Seconds from each case report on Kafka to the code changes it caused being delivered.</summary>
    [JsonPropertyName("detection_latency_seconds")]
    public required DetectionLatency DetectionLatency { get; init; }

    /// <summary>The engine's companion contacts against the simulator's truth, when the input has one.</summary>
    [JsonPropertyName("companion_truth")]
    public CompanionScore? CompanionTruth { get; init; }

    /// <summary>A case's code as the API answered it, when the input has a case.</summary>
    [JsonPropertyName("api_sample")]
    public ApiSample? ApiSample { get; init; }

    /// <summary>The input folder the partner files were read from.</summary>
    [JsonPropertyName("input")]
    public required string Input { get; init; }

    /// <summary>Seconds from the start of the command to the summary, simulation included.</summary>
    [JsonPropertyName("wall_seconds")]
    public required double WallSeconds { get; init; }

    /// <summary>Valid records over the wall time from the start of ingest to everything stored.</summary>
    [JsonPropertyName("records_per_second")]
    public required double RecordsPerSecond { get; init; }

    /// <summary>The simulation behind the input, when the demo generated it.</summary>
    [JsonPropertyName("simulated")]
    public SimulatedInput? Simulated { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>The simulator's side of a demo run that generated its own input.</summary>
internal sealed record SimulatedInput(
    [property: JsonPropertyName("people")] int People,
    [property: JsonPropertyName("days")] int Days,
    [property: JsonPropertyName("seed")] long Seed,
    [property: JsonPropertyName("infections")] int Infections,
    [property: JsonPropertyName("cases")] int Cases,
    [property: JsonPropertyName("seconds")] double Seconds);
