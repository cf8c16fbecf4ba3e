using System.Text.Json.Serialization;

namespace HealthCode.Node.Api;

/// <summary>One piece of evidence as the API shows it: the case only by its reference.</summary>
internal sealed record EvidenceView(
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("case")] string? Case,
    [property: JsonPropertyName("place")] string Place,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("records")] IReadOnlyList<string> Records);
