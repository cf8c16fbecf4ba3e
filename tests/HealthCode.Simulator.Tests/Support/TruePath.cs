namespace HealthCode.Simulator.Tests.Support;

/// <summary>A person's true path, time-ordered, with look-ups by time.</summary>
internal sealed class TruePath
{
    private readonly List<TruthSegment> _segments;

    public TruePath(List<TruthSegment> segments)
    {
        _segments = segments.OrderBy(s => s.Start).ToList();
    }

    public IReadOnlyList<TruthSegment> Segments => _segments;

    /// <summary>The segment covering a second, or null outside the simulated period.</summary>
    public TruthSegment? At(long unixSeconds)
    {
        var low = 0;
        var high = _segments.Count - 1;

        while (low <= high)
        {
            var mid = (low + high) / 2;

            if (_segments[mid].End <= unixSeconds)
            {
                low = mid + 1;
            }
            else if (_segments[mid].Start > unixSeconds)
            {
                high = mid - 1;
            }
            else
            {
                return _segments[mid];
            }
        }

        return null;
    }
}
