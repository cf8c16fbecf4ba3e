using HealthCode.Simulator.Geo;

namespace HealthCode.Simulator.Mobility;

/// <summary>Door-to-door time on the ground: a fixed start-up plus road distance at an urban average speed.</summary>
internal static class TravelTimes
{
    private const double RoadFactor = 1.35;
    private const double MetersPerSecond = 6.5;
    private const int FixedSeconds = 240;
    private const int MaxSeconds = 100 * 60;

    /// <summary>Seconds from one point to another; zero for the same building.</summary>
    public static int Seconds(GeoPoint from, GeoPoint to)
    {
        var meters = GeoMath.DistanceMeters(from, to);

        if (meters < 30)
        {
            return 0;
        }

        return (int)Math.Min(MaxSeconds, FixedSeconds + meters * RoadFactor / MetersPerSecond);
    }
}
