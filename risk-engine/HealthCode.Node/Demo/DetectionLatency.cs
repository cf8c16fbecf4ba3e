using System.Text.Json.Serialization;

namespace HealthCode.Node.Demo;

/// <summary>Seconds from each case report's arrival on Kafka to the delivery of the code changes it caused.</summary>
/// <param name="P50">The median latency.</param>
/// <param name="P99">The 99th percentile latency.</param>
/// <param name="Max">The slowest case report.</param>
/// <param name="Cases">The number of case reports measured.</param>
internal sealed record DetectionLatency(
    [property: JsonPropertyName("p50")] double P50,
    [property: JsonPropertyName("p99")] double P99,
    [property: JsonPropertyName("max")] double Max,
    [property: JsonPropertyName("cases")] int Cases)
{
    /// <summary>The nearest-rank percentiles of <paramref name="seconds"/>; all zero without measurements.</summary>
    public static DetectionLatency Of(IReadOnlyList<double> seconds)
    {
        if (seconds.Count == 0)
        {
            return new DetectionLatency(0, 0, 0, 0);
        }

        var sorted = seconds.Order().ToArray();

        return new DetectionLatency(
            Math.Round(Percentile(sorted, 0.50), 3),
            Math.Round(Percentile(sorted, 0.99), 3),
            Math.Round(sorted[^1], 3),
            sorted.Length);
    }

    private static double Percentile(double[] sorted, double fraction)
    {
        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
