using System.Globalization;
using System.Text;

namespace HealthCode.Simulator.Time;

/// <summary>
/// Simulation time: whole seconds since local midnight of the start date, at the city's UTC offset. Formats
/// ISO-8601 timestamps with the offset, e.g. <c>2026-11-02T08:13:05+08:00</c>, without allocating.
/// </summary>
internal sealed class SimClock
{
    public const int SecondsPerDay = 86_400;
    public const int TimestampLength = 25;

    // Days before the start (SIM registrations) and after the end (late clearances) that get a cached prefix.
    private const int CachedDaysBefore = 40;
    private const int CachedDaysAfter = 80;

    private readonly byte[][] _dayPrefixes;
    private readonly byte[] _offsetSuffix;
    private readonly string[] _serviceDates;

    public SimClock(DateOnly startDate, TimeSpan utcOffset, int days)
    {
        StartDate = startDate;
        UtcOffset = utcOffset;
        Days = days;
        Origin = new DateTimeOffset(startDate.ToDateTime(TimeOnly.MinValue), utcOffset);
        _offsetSuffix = Encoding.ASCII.GetBytes(Origin.ToString("zzz", CultureInfo.InvariantCulture));

        var cached = CachedDaysBefore + days + CachedDaysAfter;
        _dayPrefixes = new byte[cached][];
        _serviceDates = new string[cached];

        for (var i = 0; i < cached; i++)
        {
            var date = startDate.AddDays(i - CachedDaysBefore);
            _serviceDates[i] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            _dayPrefixes[i] = Encoding.ASCII.GetBytes(_serviceDates[i] + "T");
        }
    }

    public DateOnly StartDate { get; }

    public TimeSpan UtcOffset { get; }

    public int Days { get; }

    /// <summary>Local midnight of the start date.</summary>
    public DateTimeOffset Origin { get; }

    /// <summary>The end of the simulated period, in simulation seconds.</summary>
    public int Horizon => Days * SecondsPerDay;

    public DateTimeOffset ToDateTimeOffset(long seconds) => Origin.AddSeconds(seconds);

    /// <summary>The day index of a simulation second, rounding down for times before the start.</summary>
    public static int DayOf(long seconds) =>
        (int)(seconds >= 0 ? seconds / SecondsPerDay : -((-seconds + SecondsPerDay - 1) / SecondsPerDay));

    public DayOfWeek DayOfWeek(int day) => StartDate.AddDays(day).DayOfWeek;

    /// <summary>Writes the 25-byte timestamp of a simulation second; returns the bytes written.</summary>
    public int Format(long seconds, Span<byte> destination)
    {
        var day = DayOf(seconds);
        var slot = day + CachedDaysBefore;

        if (slot < 0 || slot >= _dayPrefixes.Length)
        {
            var text = ToDateTimeOffset(seconds).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            return Encoding.ASCII.GetBytes(text, destination);
        }

        _dayPrefixes[slot].CopyTo(destination);
        var secondOfDay = (int)(seconds - (long)day * SecondsPerDay);
        WriteTwoDigits(destination[11..], secondOfDay / 3600);
        destination[13] = (byte)':';
        WriteTwoDigits(destination[14..], secondOfDay / 60 % 60);
        destination[16] = (byte)':';
        WriteTwoDigits(destination[17..], secondOfDay % 60);
        _offsetSuffix.CopyTo(destination[19..]);
        return 19 + _offsetSuffix.Length;
    }

    public string Format(long seconds)
    {
        Span<byte> buffer = stackalloc byte[40];
        var length = Format(seconds, buffer);
        return Encoding.ASCII.GetString(buffer[..length]);
    }

    /// <summary>The local date <c>YYYY-MM-DD</c> of a simulation second.</summary>
    public string FormatDate(long seconds)
    {
        var slot = DayOf(seconds) + CachedDaysBefore;
        return slot >= 0 && slot < _serviceDates.Length
            ? _serviceDates[slot]
            : ToDateTimeOffset(seconds).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static void WriteTwoDigits(Span<byte> destination, int value)
    {
        destination[0] = (byte)('0' + value / 10);
        destination[1] = (byte)('0' + value % 10);
    }
}
