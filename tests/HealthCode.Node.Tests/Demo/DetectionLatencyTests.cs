using HealthCode.Node.Demo;

namespace HealthCode.Node.Tests.Demo;

/// <summary>The demo's detection latency percentiles.</summary>
public sealed class DetectionLatencyTests
{
    [Fact]
    public void Of_NoMeasurements_IsAllZero()
    {
        Assert.Equal(new DetectionLatency(0, 0, 0, 0), DetectionLatency.Of([]));
    }

    [Fact]
    public void Of_HundredMeasurements_TakesNearestRanks()
    {
        var seconds = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToList();

        var latency = DetectionLatency.Of(seconds);

        Assert.Equal(new DetectionLatency(50, 99, 100, 100), latency);
    }

    [Fact]
    public void Of_OneMeasurement_IsThatMeasurementEverywhere()
    {
        Assert.Equal(new DetectionLatency(2.5, 2.5, 2.5, 1), DetectionLatency.Of([2.5]));
    }
}
