using System.Text;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using HealthCode.Contracts.Events.V1;
using HealthCode.Contracts.Feeds;
using HealthCode.Contracts.Geo;
using HealthCode.Ingest.Identity;
using HealthCode.Ingest.Parsing;

namespace HealthCode.Benchmarks.Ingest;

/// <summary>Pings through parse, validate, pseudonymise and serialise on one thread: the per-core ingest cost.</summary>
/// <remarks>
/// 100,000 distinct SIMs over 1,000,000 lines, so the key cache sees the mix of hits and misses that an hour of
/// a carrier's export gives (each SIM pings a few times an hour). Kafka is left out: it is measured separately.
/// </remarks>
[MemoryDiagnoser]
public class PingIngestBenchmark
{
    private const int Lines = 1_000_000;
    private const int Sims = 100_000;

    private byte[] _file = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var text = new StringBuilder("msisdn,lat,lon,accuracy_m,observed_at\n");
        var start = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.FromHours(8));

        for (var i = 0; i < Lines; i++)
        {
            var sim = random.Next(Sims);
            var at = start.AddSeconds(i * 3.6 / 1000 * Sims / 100);
            text.Append("+86138").Append((10_000_000 + sim).ToString("D8", null)).Append(',')
                .Append((30.15 + random.NextDouble() * 0.25).ToString("F6", null)).Append(',')
                .Append((120.0 + random.NextDouble() * 0.35).ToString("F6", null)).Append(',')
                .Append(random.Next(50, 1500)).Append(',')
                .Append(at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", null)).Append('\n');
        }

        _file = Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The same lines parsed, validated and pseudonymised, without serialising: the parser's share.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public long ParseValidatePseudonymise()
    {
        var parser = FeedParsers.Create(Feed.Pings, new Pseudonymiser("benchmark-pepper"), new Grid());
        var reader = new LineReader(new MemoryStream(_file));
        long cells = 0;

        reader.TryReadLine(out var header);
        parser.ReadHeader(header);

        while (reader.TryReadLine(out var line))
        {
            if (parser.TryParse(line, reader.LineNumber, out var record, out _))
            {
                cells += ((Ping)record.Message).Cell & 1;
            }
        }

        return cells;
    }

    /// <summary>One million lines into ping batches of 1,000 serialised bytes.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public long ParseValidatePseudonymiseSerialise()
    {
        var parser = FeedParsers.Create(Feed.Pings, new Pseudonymiser("benchmark-pepper"), new Grid());
        var reader = new LineReader(new MemoryStream(_file));
        var batch = new PingBatch();
        long bytes = 0;

        reader.TryReadLine(out var header);
        parser.ReadHeader(header);

        while (reader.TryReadLine(out var line))
        {
            if (!parser.TryParse(line, reader.LineNumber, out var record, out _))
            {
                continue;
            }

            batch.Pings.Add((Ping)record.Message);

            if (batch.Pings.Count == 1000)
            {
                bytes += batch.ToByteArray().Length;
                batch = new PingBatch();
            }
        }

        return bytes;
    }
}
