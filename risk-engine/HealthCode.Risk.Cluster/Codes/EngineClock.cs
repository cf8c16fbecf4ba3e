namespace HealthCode.Risk.Cluster.Codes;

/// <summary>The instant codes are evaluated at: the wall clock in service, a fixed instant in a replay.</summary>
public sealed class EngineClock
{
    private readonly TimeProvider? _time;
    private readonly DateTimeOffset _fixed;

    private EngineClock(TimeProvider? time, DateTimeOffset fixedNow)
    {
        _time = time;
        _fixed = fixedNow;
    }

    /// <summary>Whether the clock stands still; a standing clock needs no quarantine timers.</summary>
    public bool IsFixed => _time is null;

    /// <summary>A clock that follows <paramref name="time"/>.</summary>
    public static EngineClock Live(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new EngineClock(time, default);
    }

    /// <summary>A clock that always says <paramref name="now"/>.</summary>
    public static EngineClock Fixed(DateTimeOffset now) => new(null, now);

    /// <summary>The current instant.</summary>
    public DateTimeOffset Now() => _time?.GetUtcNow() ?? _fixed;
}
