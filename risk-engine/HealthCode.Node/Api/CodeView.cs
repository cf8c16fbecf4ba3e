using System.Text.Json.Serialization;

namespace HealthCode.Node.Api;

/// <summary>The answer of <c>GET /v1/codes/{id_number}</c>: a person's code now, with its evidence.</summary>
internal sealed record CodeView(
    [property: JsonPropertyName("color")] string Colour,
    [property: JsonPropertyName("valid_until")] string? ValidUntil,
    [property: JsonPropertyName("awaiting_declaration")] bool AwaitingDeclaration,
    [property: JsonPropertyName("rule_set")] string RuleSet,
    [property: JsonPropertyName("evidence")] IReadOnlyList<EvidenceView> Evidence);
