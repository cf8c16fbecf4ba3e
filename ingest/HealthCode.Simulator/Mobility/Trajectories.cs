using HealthCode.Simulator.Geo;

namespace HealthCode.Simulator.Mobility;

/// <summary>Look-ups over one day's contiguous, time-ordered segments.</summary>
internal static class Trajectories
{
    /// <summary>The index of the segment covering a time; the last one for a time at or past its end.</summary>
    public static int IndexAt(ReadOnlySpan<Segment> segments, int time)
    {
        var low = 0;
        var high = segments.Length - 1;

        while (low < high)
        {
            var mid = (low + high + 1) / 2;

            if (segments[mid].Start <= time)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }

    public static GeoPoint PositionAt(ReadOnlySpan<Segment> segments, int time) =>
        segments[IndexAt(segments, time)].PositionAt(time);
}
