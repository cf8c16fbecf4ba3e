using BenchmarkDotNet.Attributes;
using HealthCode.Ingest.Identity;

namespace HealthCode.Benchmarks.Ingest;

/// <summary>The cost of one key: a cache miss (an HMAC) and a cache hit.</summary>
[MemoryDiagnoser]
public class PseudonymiserBenchmark
{
    private const int Ids = 10_000;

    private readonly string[] _msisdns = Enumerable.Range(0, Ids).Select(i => $"+86138{10_000_000 + i}").ToArray();
    private readonly Pseudonymiser _uncached = new("benchmark-pepper", cacheCapacity: 0);
    private readonly Pseudonymiser _cached = new("benchmark-pepper");

    [GlobalSetup]
    public void Setup()
    {
        foreach (var msisdn in _msisdns)
        {
            _cached.SubscriberKey(msisdn);
        }
    }

    /// <summary>A key computed with the HMAC, as for a SIM not seen before.</summary>
    [Benchmark(OperationsPerInvoke = Ids)]
    public int Miss()
    {
        var total = 0;

        foreach (var msisdn in _msisdns)
        {
            total += _uncached.SubscriberKey(msisdn).Length;
        }

        return total;
    }

    /// <summary>A key found in the cache.</summary>
    [Benchmark(OperationsPerInvoke = Ids)]
    public int Hit()
    {
        var total = 0;

        foreach (var msisdn in _msisdns)
        {
            total += _cached.SubscriberKey(msisdn).Length;
        }

        return total;
    }
}
