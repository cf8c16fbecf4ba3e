using System.Diagnostics;
using System.Globalization;
using HealthCode.Risk;
using HealthCode.Risk.Engine;
using HealthCode.Risk.Engine.Partitions;

namespace HealthCode.Benchmarks.Risk;

/// <summary>
/// Sustained pings per second through the engine on one thread: a loaded history, cases known, then more days of
/// pings in batches, each batch followed by a step, as the risk node runs it.
/// </summary>
internal static class ThroughputRun
{
    private const long MsPerDay = 86_400_000L;

    /// <summary>Loads <see cref="HarnessOptions.Days"/> days, reports the cases, then measures later days.</summary>
    public static void Run(HarnessOptions options)
    {
        Console.WriteLine($"risk-throughput: {options}, {options.Measure} measured day(s)");
        var city = new SyntheticCity(options.People, options.Days + options.Measure, options.Interval);
        var historySlots = (int)(options.Days * MsPerDay / city.IntervalMs);
        IContactEngine engine = options.Partitions == 1
            ? new DetectionEngine(RuleSettings.Default)
            : new PartitionedEngine(RuleSettings.Default, options.Partitions);

        EngineFeed.Register(engine, city);
        var load = EngineFeed.Pings(engine, city, 0, historySlots, options.Batch);
        Console.WriteLine($"  history, no cases yet: {load}");

        // Cases reported at the end of the history, spread over the population; every other one with a location.
        var reportedAtMs = city.StartMs + options.Days * MsPerDay;
        var caseStep = Stopwatch.StartNew();
        for (var c = 0; c < options.Cases; c++)
        {
            SyntheticCase.Of(city, c * (city.People / options.Cases), reportedAtMs, c % 2 == 0).AddTo(engine);
        }

        var caseUpdates = engine.Step().Count;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {options.Cases} cases in one step: {caseStep.Elapsed.TotalSeconds:F2} s, {caseUpdates:N0} updates"));

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var measured = EngineFeed.Pings(engine, city, historySlots, city.SlotCount, options.Batch);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var generator = GeneratorCost(city, historySlots, city.SlotCount);

        Console.WriteLine($"  measured, cases known: {measured}");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  generator alone over the same pings: {generator.TotalSeconds:F2} s; engine only: " +
            $"{measured.Pings / (measured.Total - generator).TotalSeconds:N0} pings/s"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  managed memory retained: {(after - before) / (double)measured.Pings:F1} B per streamed ping; " +
            $"{after / (double)engine.PingCount:F1} B per ping kept ({after / 1e9:F2} GB for " +
            $"{engine.PingCount:N0} pings)"));
        PrintContacts(engine);
    }

    /// <summary>Prints the distinct contacts per rule the engine holds.</summary>
    public static void PrintContacts(IContactEngine engine)
    {
        foreach (var count in engine.CountContacts())
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture, $"  contacts {count.Rule}: {count.Contacts:N0}"));
        }
    }

    private static TimeSpan GeneratorCost(SyntheticCity city, int firstSlot, int endSlot)
    {
        var watch = Stopwatch.StartNew();
        var sink = 0.0;

        for (var slot = firstSlot; slot < endSlot; slot++)
        {
            for (var p = 0; p < city.People; p++)
            {
                city.PingOf(p, slot, out var atMs, out var lat, out var lon);
                sink += lat + lon + atMs + (double)(SyntheticCity.PingRecordId(p, slot) & 1);
                _ = city.SubscriberKey(p);
            }
        }

        // Printing nothing but using the sum keeps the JIT from dropping the loop.
        return sink == 42 ? TimeSpan.Zero : watch.Elapsed;
    }
}
