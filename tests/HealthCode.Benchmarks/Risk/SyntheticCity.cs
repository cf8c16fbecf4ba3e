using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace HealthCode.Benchmarks.Risk;

/// <summary>
/// A deterministic population of a 20 by 20 km city around 30.27N 120.15E: each person has one registered SIM
/// that pings every few minutes from home, from work or from one of a few venues, by the hour of the day.
/// </summary>
/// <remarks>
/// <para>
/// Everything is computed from the person's index and the ping's slot, so the engine run and the chDB run see the
/// same pings without keeping them. A weekday is home until 07:30 local time (UTC+8), a commute cell between home
/// and work until 08:30, work until 17:30, one of the person's three venues until 19:30 and home after that; a
/// weekend day is home with a venue from 10:00 to 16:00. Venues come from a shared pool of 300, so the venue cells
/// are where strangers meet, as well as the home and work cells.
/// </para>
/// <para>
/// Each person pings at a fixed phase inside the interval, plus up to 100 m of jitter, so that pings are not all
/// on the same instant and a few land in a neighbouring cell.
/// </para>
/// </remarks>
internal sealed class SyntheticCity
{
    private const double CentreLat = 30.27;
    private const double CentreLon = 120.15;
    private const double HalfSideMetres = 10_000;
    private const double MetresPerDegree = 111_320.0;
    private const int VenuePool = 300;
    private const int VenuesPerPerson = 3;
    private const long MsPerMinute = 60_000;
    private const long MsPerDay = 86_400_000;

    /// <summary>The days after which the city's week and venues repeat.</summary>
    private const long CycleDays = 21;

    /// <summary>2026-12-03, the day this harness's recorded figures were measured, as days since 1970.</summary>
    private const long ReferenceDay = 20_790;
    private const long LocalOffsetMs = 8 * 60 * MsPerMinute;

    private readonly double[] _homeLat;
    private readonly double[] _homeLon;
    private readonly double[] _workLat;
    private readonly double[] _workLon;
    private readonly int[] _venues;
    private readonly long[] _phaseMs;
    private readonly double[] _venueLat = new double[VenuePool];
    private readonly double[] _venueLon = new double[VenuePool];
    private readonly string[] _personKeys;
    private readonly string[] _subscriberKeys;

    /// <summary>Creates <paramref name="people"/> people whose history spans <paramref name="days"/> days.</summary>
    public SyntheticCity(int people, int days, int intervalMinutes, int seed = 42)
    {
        People = people;
        Days = days;
        IntervalMs = intervalMinutes * MsPerMinute;

        // The history ends at a recent UTC midnight, so the chDB tables' retention TTL keeps every row, and always
        // a whole number of cycles (weekends every 7 days, each person's venues every 3) after 2026-12-03, so every
        // run meets the same city. Ending at the last midnight changed the figures at each midnight.
        var today = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / MsPerDay;
        var sinceReference = today - ReferenceDay;
        EndMs = (today - ((sinceReference % CycleDays) + CycleDays) % CycleDays) * MsPerDay;
        StartMs = EndMs - days * MsPerDay;
        SlotCount = (int)(days * MsPerDay / IntervalMs);

        var random = new Random(seed);
        for (var v = 0; v < VenuePool; v++)
        {
            (_venueLat[v], _venueLon[v]) = RandomPoint(random);
        }

        _homeLat = new double[people];
        _homeLon = new double[people];
        _workLat = new double[people];
        _workLon = new double[people];
        _venues = new int[people * VenuesPerPerson];
        _phaseMs = new long[people];
        _personKeys = new string[people];
        _subscriberKeys = new string[people];

        for (var p = 0; p < people; p++)
        {
            (_homeLat[p], _homeLon[p]) = RandomPoint(random);
            (_workLat[p], _workLon[p]) = RandomPoint(random);
            for (var v = 0; v < VenuesPerPerson; v++)
            {
                _venues[p * VenuesPerPerson + v] = random.Next(VenuePool);
            }

            _phaseMs[p] = (long)(random.NextDouble() * IntervalMs);
            _personKeys[p] = Key("person:" + p);
            _subscriberKeys[p] = Key("sim:" + p);
        }
    }

    /// <summary>How many people (and SIMs) there are.</summary>
    public int People { get; }

    /// <summary>How many days of history there are.</summary>
    public int Days { get; }

    /// <summary>The time between two pings of one SIM, in milliseconds.</summary>
    public long IntervalMs { get; }

    /// <summary>The first instant of the history (a UTC midnight), in Unix milliseconds.</summary>
    public long StartMs { get; }

    /// <summary>The end of the history (the last UTC midnight), in Unix milliseconds.</summary>
    public long EndMs { get; }

    /// <summary>Ping slots per SIM over the history.</summary>
    public int SlotCount { get; }

    /// <summary>Every ping of the history: people times slots.</summary>
    public long PingCount => (long)People * SlotCount;

    /// <summary>The pseudonymised key of a person, in the 32-hex shape ingest gives.</summary>
    public string PersonKey(int person) => _personKeys[person];

    /// <summary>The pseudonymised key of a person's SIM.</summary>
    public string SubscriberKey(int person) => _subscriberKeys[person];

    /// <summary>The record id of a SIM's registration, as 16 bytes.</summary>
    public static byte[] RecordIdBytes(string seed) => SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16)
        .ToArray();

    /// <summary>A person's ping in a slot (slots may run past the history, for streaming later days).</summary>
    public void PingOf(int person, int slot, out long atMs, out double lat, out double lon)
    {
        atMs = StartMs + slot * IntervalMs + _phaseMs[person];
        var hash = Mix(((ulong)(uint)person << 32) | (uint)slot);
        (lat, lon) = PlaceAt(person, atMs);

        // Up to about 100 m of jitter either way, from the same hash as the record id.
        lat += ((hash & 0xFFFF) / 65_535.0 - 0.5) * 200 / MetresPerDegree;
        lon += (((hash >> 16) & 0xFFFF) / 65_535.0 - 0.5) * 200 / (MetresPerDegree * 0.864);
    }

    /// <summary>The record id of a person's ping in a slot: unique, and scattered as content hashes are.</summary>
    public static UInt128 PingRecordId(int person, int slot)
    {
        var key = ((ulong)(uint)person << 32) | (uint)slot;
        return new UInt128(Mix(key ^ 0x5DEECE66DUL), Mix(key + 0x9E3779B97F4A7C15UL));
    }

    /// <summary>The 16 big-endian bytes of a record id, as the events carry it.</summary>
    public static byte[] ToBytes(UInt128 id)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)(id >> 64));
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8), (ulong)id);
        return bytes;
    }

    /// <summary>Where a person is at an instant: home, commute, work or a venue, by local time of day.</summary>
    public (double Lat, double Lon) PlaceAt(int person, long atMs)
    {
        var local = atMs + LocalOffsetMs;
        var day = (int)(local / MsPerDay);
        var minute = (int)(local % MsPerDay / MsPerMinute);

        // 1970-01-01 was a Thursday, so (day + 3) % 7 is 5 or 6 on a Saturday or Sunday.
        var weekend = (day + 3) % 7 >= 5;
        var venue = _venues[person * VenuesPerPerson + (day + person) % VenuesPerPerson];

        if (weekend)
        {
            return minute is >= 600 and < 960 ? (_venueLat[venue], _venueLon[venue]) : Home(person);
        }

        return minute switch
        {
            < 450 => Home(person),
            < 510 => ((_homeLat[person] + _workLat[person]) / 2, (_homeLon[person] + _workLon[person]) / 2),
            < 1050 => (_workLat[person], _workLon[person]),
            < 1170 => (_venueLat[venue], _venueLon[venue]),
            _ => Home(person),
        };
    }

    /// <summary>The venue a person visits on the evening of a day, with its evening in Unix milliseconds.</summary>
    public (double Lat, double Lon, long FromMs, long ToMs) EveningVenue(int person, long dayStartMs)
    {
        // 17:30 to 19:30 local is 09:30 to 11:30 UTC.
        var fromMs = dayStartMs + (9 * 60 + 30) * MsPerMinute;
        var (lat, lon) = PlaceAt(person, fromMs + MsPerMinute);
        return (lat, lon, fromMs, fromMs + 120 * MsPerMinute);
    }

    private (double Lat, double Lon) Home(int person) => (_homeLat[person], _homeLon[person]);

    private static (double Lat, double Lon) RandomPoint(Random random)
    {
        var north = (random.NextDouble() * 2 - 1) * HalfSideMetres;
        var east = (random.NextDouble() * 2 - 1) * HalfSideMetres;
        var lat = CentreLat + north / MetresPerDegree;
        return (lat, CentreLon + east / (MetresPerDegree * Math.Cos(lat * Math.PI / 180.0)));
    }

    private static string Key(string seed) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("key:" + seed)).AsSpan(0, 16));

    private static ulong Mix(ulong x)
    {
        // SplitMix64's finaliser: cheap, and every input bit reaches every output bit.
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
