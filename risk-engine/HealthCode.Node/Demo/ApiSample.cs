using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthCode.Node.Demo;

/// <summary>One request to the node's API after a demo run: a case's code, as an app would ask for it.</summary>
/// <param name="Url">The URL asked, with the case's raw id number (simulated data).</param>
/// <param name="Answer">The JSON the API answered.</param>
internal sealed record ApiSample(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("answer")] JsonElement Answer)
{
    /// <summary>Asks <c>GET /v1/codes/{id_number}</c> on the API at <paramref name="address"/>.</summary>
    public static async Task<ApiSample> FetchAsync(string address, string idNumber,
        CancellationToken cancellationToken)
    {
        var url = $"{address.TrimEnd('/')}/v1/codes/{Uri.EscapeDataString(idNumber)}";
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        using var response = await client.GetAsync(new Uri(url), cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);

        using var answer = JsonDocument.Parse(body);
        return new ApiSample(url, answer.RootElement.Clone());
    }

    /// <summary>
    /// The id numbers of the cases in a partner's <c>cases.jsonl</c>, confirmed cases first, each in file order;
    /// malformed lines are skipped, as ingest rejects them.
    /// </summary>
    public static IReadOnlyList<string> CaseIdNumbers(string casesPath)
    {
        var confirmed = new List<string>();
        var others = new List<string>();

        foreach (var line in File.ReadLines(casesPath))
        {
            if (TryRead(line) is var (idNumber, status))
            {
                (status == "confirmed" ? confirmed : others).Add(idNumber);
            }
        }

        return [.. confirmed.Concat(others).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static (string IdNumber, string Status)? TryRead(string line)
    {
        try
        {
            using var row = JsonDocument.Parse(line);
            var root = row.RootElement;

            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("id_number", out var id) && id.ValueKind == JsonValueKind.String
                && root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String
                ? (id.GetString()!, status.GetString()!)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
