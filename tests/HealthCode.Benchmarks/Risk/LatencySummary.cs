using System.Globalization;

namespace HealthCode.Benchmarks.Risk;

/// <summary>Nearest-rank percentiles of a set of latencies in milliseconds.</summary>
internal sealed class LatencySummary
{
    private readonly double[] _sorted;

    /// <summary>Summarises <paramref name="milliseconds"/>; at least one value.</summary>
    public LatencySummary(IEnumerable<double> milliseconds)
    {
        _sorted = [.. milliseconds.Order()];
        if (_sorted.Length == 0)
        {
            throw new ArgumentException("No latencies to summarise.", nameof(milliseconds));
        }
    }

    /// <summary>The value at or below which <paramref name="percent"/> % of the values lie.</summary>
    public double Percentile(double percent)
    {
        var rank = (int)Math.Ceiling(percent / 100 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"n={_sorted.Length} min {_sorted[0]:F1} ms, p50 {Percentile(50):F1} ms, p99 {Percentile(99):F1} ms, " +
        $"max {_sorted[^1]:F1} ms");
}
