using System.Globalization;
using System.Text;
using HealthCode.Simulator.Population;
using HealthCode.Simulator.Time;

namespace HealthCode.Simulator.Feeds;

/// <summary>Formats ping CSV lines straight into UTF-8 bytes, and their malformed variants.</summary>
internal sealed class PingLineFormatter
{
    /// <summary>Upper bound of a valid line's length: 16 + 11 + 12 + 5 + 25 bytes, commas and newline.</summary>
    public const int MaxLineBytes = 80;

    public static readonly byte[] Header = "msisdn,lat,lon,accuracy_m,observed_at\n"u8.ToArray();

    private readonly SimClock _clock;
    private readonly IReadOnlyList<SimCard> _sims;

    public PingLineFormatter(SimClock clock, IReadOnlyList<SimCard> sims)
    {
        _clock = clock;
        _sims = sims;
    }

    /// <summary>Writes one line with its newline; returns the bytes written.</summary>
    public int Format(in PingRecord ping, Span<byte> destination)
    {
        var msisdn = _sims[ping.Sim].MsisdnUtf8;
        msisdn.CopyTo(destination);
        var n = msisdn.Length;
        destination[n++] = (byte)',';
        n += WriteMicroDegrees(ping.Lat, destination[n..]);
        destination[n++] = (byte)',';
        n += WriteMicroDegrees(ping.Lon, destination[n..]);
        destination[n++] = (byte)',';
        ping.AccuracyMeters.TryFormat(destination[n..], out var written, default, CultureInfo.InvariantCulture);
        n += written;
        destination[n++] = (byte)',';
        n += _clock.Format(ping.Time, destination[n..]);
        destination[n++] = (byte)'\n';
        return n;
    }

    /// <summary>
    /// Degrees with exactly six decimals, e.g. <c>120.004500</c>. Hand-written because general double
    /// formatting was most of the cost of a ping line.
    /// </summary>
    public static int WriteMicroDegrees(double degrees, Span<byte> destination)
    {
        var micro = (long)Math.Round(degrees * 1_000_000, MidpointRounding.AwayFromZero);
        var n = 0;

        if (micro < 0)
        {
            destination[n++] = (byte)'-';
            micro = -micro;
        }

        (micro / 1_000_000).TryFormat(destination[n..], out var written, default, CultureInfo.InvariantCulture);
        n += written;
        destination[n++] = (byte)'.';
        var fraction = (int)(micro % 1_000_000);

        for (var i = 5; i >= 0; i--)
        {
            destination[n + i] = (byte)('0' + fraction % 10);
            fraction /= 10;
        }

        return n + 6;
    }

    /// <summary>A broken line (with its newline) derived from a real ping.</summary>
    public byte[] Malformed(MalformedKind kind, int variant, in PingRecord template)
    {
        var fields = new[]
        {
            _sims[template.Sim].Msisdn,
            MicroDegrees(template.Lat),
            MicroDegrees(template.Lon),
            template.AccuracyMeters.ToString(CultureInfo.InvariantCulture),
            _clock.Format(template.Time),
        };
        var odd = variant % 2 == 1;

        switch (kind)
        {
            case MalformedKind.WrongColumnCount:
                fields = odd ? [.. fields, "4G"] : [fields[0], fields[1], fields[2], fields[4]];
                break;
            case MalformedKind.LatitudeOutOfRange:
                fields[1] = odd ? "-91.000001" : "95.123456";
                break;
            case MalformedKind.LongitudeOutOfRange:
                fields[2] = odd ? "-180.500000" : "200.500000";
                break;
            case MalformedKind.BadTimestamp:
                fields[4] = BrokenValues.BadTimestamps[variant % BrokenValues.BadTimestamps.Length];
                break;
            case MalformedKind.BadMsisdn:
                fields[0] = BrokenValues.BadMsisdns[variant % BrokenValues.BadMsisdns.Length];
                break;
            case MalformedKind.NonNumericAccuracy:
                fields[3] = BrokenValues.BadAccuracies[variant % BrokenValues.BadAccuracies.Length];
                break;
            case MalformedKind.NonPositiveAccuracy:
                fields[3] = BrokenValues.NonPositiveAccuracies[variant % BrokenValues.NonPositiveAccuracies.Length];
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a CSV breakage");
        }

        return Encoding.UTF8.GetBytes(string.Join(',', fields) + "\n");
    }

    private static string MicroDegrees(double degrees)
    {
        Span<byte> buffer = stackalloc byte[24];
        return Encoding.ASCII.GetString(buffer[..WriteMicroDegrees(degrees, buffer)]);
    }
}
