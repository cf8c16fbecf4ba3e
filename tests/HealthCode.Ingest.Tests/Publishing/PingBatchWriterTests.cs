using Google.Protobuf;
using HealthCode.Contracts.Events.V1;
using HealthCode.Ingest.Parsing;
using HealthCode.Ingest.Publishing;
using HealthCode.Ingest.Records;

namespace HealthCode.Ingest.Tests.Publishing;

public sealed class PingBatchWriterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Add_RandomPings_WritesTheBytesOfGoogleProtobuf(int seed)
    {
        var random = new Random(seed);
        var writer = new PingBatchWriter(initialBytes: 64);
        var expected = new PingBatch();

        for (var i = 0; i < 500; i++)
        {
            var ping = RandomPing(random);
            writer.Add(ping);
            expected.Pings.Add(ToMessage(ping));
        }

        Assert.Equal(500, writer.Count);
        Assert.Equal(expected.ToByteArray(), writer.ToArray());
    }

    [Fact]
    public void Add_AllDefaultsButRecordId_WritesOnlyTheRecordId()
    {
        var writer = new PingBatchWriter();
        var ping = new ParsedPing(RandomId(new Random(3)), string.Empty, -0.0, 0, 0, 0, 0);

        writer.Add(ping);

        Assert.Equal(new PingBatch { Pings = { ToMessage(ping) } }.ToByteArray(), writer.ToArray());
        Assert.Equal(2 + 2 + RecordIds.Length, writer.ToArray().Length);
    }

    [Fact]
    public void Clear_AfterABatch_StartsTheNextOneEmpty()
    {
        var random = new Random(5);
        var writer = new PingBatchWriter();
        writer.Add(RandomPing(random));
        writer.Clear();
        var ping = RandomPing(random);

        writer.Add(ping);

        Assert.Equal(1, writer.Count);
        Assert.Equal(new PingBatch { Pings = { ToMessage(ping) } }.ToByteArray(), writer.ToArray());
    }

    private static ParsedPing RandomPing(Random random)
    {
        // Each field is its proto3 default a quarter of the time, so every omission path is taken.
        var keyBytes = RandomId(random);
        var key = random.Next(4) == 0 ? string.Empty : Convert.ToHexStringLower(keyBytes);
        var lat = random.Next(4) == 0 ? 0 : (random.NextDouble() - 0.5) * 180;
        var lon = random.Next(4) == 0 ? 0 : (random.NextDouble() - 0.5) * 360;
        var accuracy = random.Next(4) == 0 ? 0 : (float)(random.NextDouble() * 100_000);
        var observed = random.Next(4) == 0 ? 0 : random.NextInt64(long.MinValue, long.MaxValue);
        var cell = random.Next(4) == 0 ? 0 : random.NextInt64(long.MinValue, long.MaxValue);
        return new ParsedPing(RandomId(random), key, lat, lon, accuracy, observed, cell);
    }

    private static RecordIdBytes RandomId(Random random)
    {
        var id = default(RecordIdBytes);
        random.NextBytes(id);
        return id;
    }

    private static Ping ToMessage(in ParsedPing ping) => new()
    {
        RecordId = ByteString.CopyFrom(ping.RecordId),
        SubscriberKey = ping.SubscriberKey,
        Lat = ping.Lat,
        Lon = ping.Lon,
        AccuracyM = ping.AccuracyM,
        ObservedAtMs = ping.ObservedAtMs,
        Cell = ping.Cell,
    };
}
