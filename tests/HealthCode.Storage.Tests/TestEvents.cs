using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using HealthCode.Contracts.Events.V1;
using HealthCode.Contracts.Geo;

namespace HealthCode.Storage.Tests;

/// <summary>Canonical events for tests, dated in the last days so no retention TTL ever removes them.</summary>
internal static class TestEvents
{
    private static readonly Grid Grid = new();

    /// <summary>A recent whole hour, in unix milliseconds: two days before the test run.</summary>
    public static readonly long BaseMs =
        DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeMilliseconds() / 3_600_000 * 3_600_000;

    /// <summary>The service date of <see cref="BaseMs"/>.</summary>
    public static string ServiceDate => DateTimeOffset.FromUnixTimeMilliseconds(BaseMs).ToString("yyyy-MM-dd");

    /// <summary>A 16-byte record id derived from a seed, as ingest derives one from content.</summary>
    public static ByteString RecordId(string seed) =>
        ByteString.CopyFrom(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16));

    /// <summary>A key in the shape ingest produces: 32 lowercase hex characters.</summary>
    public static string Key(string seed) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("key:" + seed)).AsSpan(0, 16));

    /// <summary>Pings number <paramref name="first"/> up to but not including first + count.</summary>
    public static List<Ping> Pings(int first, int count, int subscribers = 1000)
    {
        var pings = new List<Ping>(count);

        for (var i = first; i < first + count; i++)
        {
            var lat = 30.0 + (i % 97) * 0.01;
            var lon = 114.0 + (i % 89) * 0.01;
            pings.Add(new Ping
            {
                RecordId = RecordId("ping:" + i),
                SubscriberKey = Key("sub:" + (i % subscribers)),
                Lat = lat,
                Lon = lon,
                AccuracyM = 25f,
                ObservedAtMs = BaseMs + i * 1000L,
                Cell = Grid.CellOf(lat, lon).Packed,
            });
        }

        return pings;
    }
}
