using System.Text;
using BenchmarkDotNet.Attributes;
using HealthCode.Contracts.Geo;
using HealthCode.Ingest.Identity;
using HealthCode.Ingest.Parsing;
using HealthCode.Ingest.Publishing;

namespace HealthCode.Benchmarks.Ingest;

/// <summary>
/// Pings through parse, validate, pseudonymise and serialise on one thread: the per-core ingest cost.
/// </summary>
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
        var parser = new PingCsvParser(new Pseudonymiser("benchmark-pepper"), new Grid());
        var reader = new LineReader(new MemoryStream(_file));
        long cells = 0;

        reader.TryReadLine(out var header);
        parser.ReadHeader(header);

        while (reader.TryReadLine(out var line))
        {
            if (parser.TryParsePing(line, reader.LineNumber, out var ping, out _))
            {
                cells += ping.Cell & 1;
            }
        }

        return cells;
    }

    /// <summary>One million lines into serialised ping batches of 1,000, the way the ingestor packs them.</summary>
    /// <remarks>
    /// The same calls as <c>FeedIngestor</c>: the parser's ping fast path, then the batch of the subscriber's
    /// partition, taken as a Kafka record value when full. One partition, so that every batch holds 1,000.
    /// </remarks>
    [Benchmark(OperationsPerInvoke = Lines)]
    public long ParseValidatePseudonymiseSerialise()
    {
        var parser = new PingCsvParser(new Pseudonymiser("benchmark-pepper"), new Grid());
        var reader = new LineReader(new MemoryStream(_file));
        var batches = new PingPartitions(partitions: 1, batchSize: 1000);
        long bytes = 0;

        reader.TryReadLine(out var header);
        parser.ReadHeader(header);

        while (reader.TryReadLine(out var line))
        {
            if (parser.TryParsePing(line, reader.LineNumber, out var ping, out _)
                && batches.Add(ping, out var partition))
            {
                bytes += batches.Take(partition)!.Length;
            }
        }

        return bytes;
    }
}
