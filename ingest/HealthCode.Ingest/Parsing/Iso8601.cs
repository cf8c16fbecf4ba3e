namespace HealthCode.Ingest.Parsing;

/// <summary>Strict ISO-8601 timestamps with an offset, as the partner contract requires.</summary>
/// <remarks>
/// Accepts <c>YYYY-MM-DDTHH:MM:SS</c>, optional fraction, then <c>Z</c> or <c>±HH:MM</c>. A timestamp without an
/// offset is rejected, because guessing the partner's time zone would shift exposures by hours. Hand-written
/// because this runs once per ping and <see cref="DateTimeOffset.TryParse(string?, out DateTimeOffset)"/> is
/// several times slower and culture-lenient.
/// </remarks>
public static class Iso8601
{
    /// <summary>
    /// Parses a UTF-8 timestamp into unix milliseconds (fractions below a millisecond are truncated).
    /// </summary>
    public static bool TryParseUnixMs(ReadOnlySpan<byte> s, out long unixMs)
    {
        unixMs = 0;

        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
            || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute)
            || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var i = 19;
        var millis = 0;

        if (s[i] == '.' || s[i] == ',')
        {
            i++;
            var start = i;

            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                if (i - start < 3)
                {
                    millis = millis * 10 + (s[i] - '0');
                }

                i++;
            }

            if (i == start)
            {
                return false;
            }

            for (var n = i - start; n < 3; n++)
            {
                millis *= 10;
            }
        }

        if (!TryOffsetMinutes(s[i..], out var offsetMinutes))
        {
            return false;
        }

        long days = new DateOnly(year, month, day).DayNumber - UnixEpochDayNumber;
        var seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60L;
        unixMs = seconds * 1000 + millis;
        return true;
    }

    /// <summary>Parses a UTF-16 timestamp; see <see cref="TryParseUnixMs(ReadOnlySpan{byte}, out long)"/>.</summary>
    public static bool TryParseUnixMs(ReadOnlySpan<char> s, out long unixMs)
    {
        Span<byte> bytes = stackalloc byte[64];
        unixMs = 0;

        if (s.Length > bytes.Length)
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] > 127)
            {
                return false;
            }

            bytes[i] = (byte)s[i];
        }

        return TryParseUnixMs(bytes[..s.Length], out unixMs);
    }

    /// <summary>Parses a calendar date <c>YYYY-MM-DD</c>.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> s, out DateOnly date)
    {
        date = default;

        if (s.Length != 10 || s[4] != '-' || s[7] != '-' || !Digits(s, 0, 4, out var year)
            || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    private static bool TryOffsetMinutes(ReadOnlySpan<byte> s, out int minutes)
    {
        minutes = 0;

        if (s.Length == 1 && (s[0] == 'Z' || s[0] == 'z'))
        {
            return true;
        }

        if (s.Length != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':'
            || !Digits(s, 1, 2, out var hours) || !Digits(s, 4, 2, out var mins) || hours > 18 || mins > 59)
        {
            return false;
        }

        minutes = (hours * 60 + mins) * (s[0] == '-' ? -1 : 1);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;

        for (var i = start; i < start + count; i++)
        {
            var digit = (uint)(s[i] - '0');

            if (digit > 9)
            {
                return false;
            }

            value = value * 10 + (int)digit;
        }

        return true;
    }
}
