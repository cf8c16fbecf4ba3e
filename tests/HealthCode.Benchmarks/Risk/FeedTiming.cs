using System.Globalization;

namespace HealthCode.Benchmarks.Risk;

/// <summary>What feeding pings into the engine took: adds and steps apart, and the updates they gave.</summary>
/// <param name="Pings">Pings added.</param>
/// <param name="Adding">Time in <c>AddPing</c>, the synthetic generator included.</param>
/// <param name="Stepping">Time in <c>Step</c>.</param>
/// <param name="Updates">Person updates the steps returned.</param>
internal sealed record FeedTiming(long Pings, TimeSpan Adding, TimeSpan Stepping, long Updates)
{
    /// <summary>The time in all.</summary>
    public TimeSpan Total => Adding + Stepping;

    /// <summary>Pings per second over adds and steps.</summary>
    public double PingsPerSecond => Pings / Total.TotalSeconds;

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Pings:N0} pings in {Total.TotalSeconds:F1} s = {PingsPerSecond:N0} pings/s " +
        $"(AddPing {Adding.TotalSeconds:F1} s, Step {Stepping.TotalSeconds:F1} s, {Updates:N0} person updates)");
}
