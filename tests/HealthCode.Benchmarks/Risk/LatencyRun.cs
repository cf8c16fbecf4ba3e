using System.Diagnostics;
using System.Globalization;
using HealthCode.Risk;
using HealthCode.Risk.Engine;
using HealthCode.Risk.Rules;

namespace HealthCode.Benchmarks.Risk;

/// <summary>
/// Detection latency per case: a full history loaded, then one new confirmed case at a time, timed from
/// <c>Add(report)</c> to the end of the <c>Step()</c> that returns its contacts' updates.
/// </summary>
internal static class LatencyRun
{
    /// <summary>Loads the history and times <see cref="HarnessOptions.Cases"/> cases one after another.</summary>
    public static void Run(HarnessOptions options)
    {
        Console.WriteLine($"risk-latency: {options}");
        var (city, engine) = Load(options);
        var cases = Cases(city, options.Cases);
        var results = cases.Select(c => Time(engine, c)).ToList();

        Console.WriteLine($"  per case (Add + Step): {new LatencySummary(results.Select(r => r.Milliseconds))}");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  updates per case: mean {results.Average(r => r.Updates):N0}, max {results.Max(r => r.Updates):N0}; " +
            $"companions per case: mean {results.Average(r => r.Companions.Count):N0}"));
        ThroughputRun.PrintContacts(engine);
    }

    /// <summary>Builds the city and an engine holding its whole history, and prints what loading took.</summary>
    public static (SyntheticCity City, DetectionEngine Engine) Load(HarnessOptions options)
    {
        var city = new SyntheticCity(options.People, options.Days, options.Interval);
        var engine = new DetectionEngine(RuleSettings.Default);
        var before = GC.GetTotalMemory(forceFullCollection: true);

        EngineFeed.Register(engine, city);
        var load = EngineFeed.Pings(engine, city, 0, city.SlotCount, options.Batch);
        var after = GC.GetTotalMemory(forceFullCollection: true);

        Console.WriteLine($"  history: {load}");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  managed memory retained: {(after - before) / 1e9:F2} GB = " +
            $"{(after - before) / (double)engine.PingCount:F1} B per ping"));
        return (city, engine);
    }

    /// <summary>Distinct people by a fixed seed, reported at the end of the history; half with a location.</summary>
    public static IReadOnlyList<SyntheticCase> Cases(SyntheticCity city, int count)
    {
        var random = new Random(7);
        var people = new HashSet<int>();

        while (people.Count < count)
        {
            people.Add(random.Next(city.People));
        }

        return people.Select((p, i) => SyntheticCase.Of(city, p, city.EndMs, i % 2 == 0)).ToList();
    }

    /// <summary>Adds one case and steps, timing both; returns the people flagged as its companions.</summary>
    public static CaseTiming Time(DetectionEngine engine, SyntheticCase c)
    {
        var watch = Stopwatch.StartNew();
        c.AddTo(engine);
        var updates = engine.Step();
        watch.Stop();

        var companions = updates
            .Where(u => u.Flags is { } flags
                && flags.Any(f => f.Evidence.Rule == Rule.Companion && f.Evidence.CaseKey == c.PersonKey))
            .Select(u => u.PersonKey)
            .ToHashSet(StringComparer.Ordinal);
        return new CaseTiming(watch.Elapsed.TotalMilliseconds, updates.Count, companions);
    }
}
