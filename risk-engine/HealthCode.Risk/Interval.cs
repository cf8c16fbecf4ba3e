namespace HealthCode.Risk;

/// <summary>A closed span of event time [<see cref="Start"/>, <see cref="End"/>].</summary>
public readonly record struct Interval
{
    /// <summary>Creates a span; <paramref name="end"/> must not precede <paramref name="start"/>.</summary>
    public Interval(DateTimeOffset start, DateTimeOffset end)
    {
        if (end < start)
        {
            throw new ArgumentException($"Interval end {end:O} precedes its start {start:O}.", nameof(end));
        }

        Start = start;
        End = end;
    }

    /// <summary>The first instant of the span.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The last instant of the span.</summary>
    public DateTimeOffset End { get; }

    /// <summary>The length of the span.</summary>
    public TimeSpan Duration => End - Start;

    /// <summary>Whether an instant lies inside the span, both ends included.</summary>
    public bool Contains(DateTimeOffset instant) => Start <= instant && instant <= End;

    /// <summary>The common part of two spans, or null when disjoint (touching spans share one instant).</summary>
    public Interval? Intersect(Interval other)
    {
        var start = Start > other.Start ? Start : other.Start;
        var end = End < other.End ? End : other.End;
        return end < start ? null : new Interval(start, end);
    }

    /// <inheritdoc/>
    public override string ToString() => $"[{Start:O}, {End:O}]";
}
