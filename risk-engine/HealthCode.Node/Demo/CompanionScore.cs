using System.Text.Json;
using System.Text.Json.Serialization;
using HealthCode.Ingest.Identity;

namespace HealthCode.Node.Demo;

/// <summary>How the engine's companion contacts compare with the simulator's truth, by (person, case).</summary>
/// <param name="Precision">Flagged pairs that are true, over all flagged pairs; 0 when nothing was flagged.</param>
/// <param name="Recall">True pairs that were flagged, over all true pairs; 0 when the truth holds none.</param>
/// <param name="TruePairs">Distinct (person, case) companion pairs in the ground truth.</param>
/// <param name="FlaggedPairs">Distinct (person, case) companion pairs the engine flags.</param>
/// <param name="Matched">Pairs in both.</param>
internal sealed record CompanionScore(
    [property: JsonPropertyName("precision")] double Precision,
    [property: JsonPropertyName("recall")] double Recall,
    [property: JsonPropertyName("true_pairs")] int TruePairs,
    [property: JsonPropertyName("flagged_pairs")] int FlaggedPairs,
    [property: JsonPropertyName("matched")] int Matched)
{
    /// <summary>The simulator's rule name for companions in <c>truth/contacts.jsonl</c>.</summary>
    private const string CompanionRule = "companion";

    /// <summary>The score of <paramref name="flagged"/> against <paramref name="truth"/>.</summary>
    public static CompanionScore Of(IReadOnlySet<(string Person, string Case)> flagged,
        IReadOnlySet<(string Person, string Case)> truth)
    {
        var matched = flagged.Count(truth.Contains);

        return new CompanionScore(
            Ratio(matched, flagged.Count),
            Ratio(matched, truth.Count),
            truth.Count,
            flagged.Count,
            matched);
    }

    /// <summary>
    /// The companion pairs of a simulator's <c>truth/contacts.jsonl</c>, keyed the way ingest keys id numbers;
    /// null when the file does not exist (input that did not come from the simulator).
    /// </summary>
    public static async Task<IReadOnlySet<(string Person, string Case)>?> ReadTruthAsync(string inputDirectory,
        Pseudonymiser keys, CancellationToken cancellationToken)
    {
        var path = Path.Combine(inputDirectory, "truth", "contacts.jsonl");

        if (!File.Exists(path))
        {
            return null;
        }

        var pairs = new HashSet<(string, string)>();

        await foreach (var line in File.ReadLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var row = JsonDocument.Parse(line);
            var root = row.RootElement;

            if (root.GetProperty("rule").GetString() == CompanionRule)
            {
                pairs.Add((keys.PersonKey(root.GetProperty("id_number").GetString()),
                    keys.PersonKey(root.GetProperty("case_id_number").GetString())));
            }
        }

        return pairs;
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
