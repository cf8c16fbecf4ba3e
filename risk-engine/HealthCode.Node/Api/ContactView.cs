using System.Text.Json.Serialization;

namespace HealthCode.Node.Api;

/// <summary>One contact of a case, as <c>GET /v1/contacts?case=</c> gives it to the data team.</summary>
internal sealed record ContactView(
    [property: JsonPropertyName("person")] string Person,
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("color")] string Colour,
    [property: JsonPropertyName("place")] string Place,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("quarantine_ends")] string QuarantineEnds,
    [property: JsonPropertyName("records")] IReadOnlyList<string> Records);
