using System.Globalization;

namespace HealthCode.Benchmarks.Risk;

/// <summary>The sizes of a risk-engine harness run, from <c>--name value</c> pairs after the command.</summary>
internal sealed record HarnessOptions
{
    /// <summary>People in the city, one SIM each.</summary>
    public int People { get; init; } = 100_000;

    /// <summary>Days of history loaded before measuring.</summary>
    public int Days { get; init; } = 14;

    /// <summary>Minutes between two pings of one SIM.</summary>
    public int Interval { get; init; } = 15;

    /// <summary>Cases reported: the measured ones, or those already known while pings stream.</summary>
    public int Cases { get; init; } = 50;

    /// <summary>Days of pings streamed and measured after the history (throughput only).</summary>
    public int Measure { get; init; } = 1;

    /// <summary>Pings per engine step, as the node batches them.</summary>
    public int Batch { get; init; } = 50_000;

    /// <summary>Partitions of the engine in a node run (risk-e2e).</summary>
    public int Partitions { get; init; } = 1;

    /// <summary>Cases reported before the measured ones and left out of the figures (risk-e2e).</summary>
    public int Warmup { get; init; }

    /// <summary>Parses <paramref name="args"/> over <paramref name="defaults"/>; throws on unknown options.</summary>
    public static HarnessOptions Parse(IReadOnlyList<string> args, HarnessOptions defaults)
    {
        var options = defaults;

        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--people" => options with { People = value },
                "--days" => options with { Days = value },
                "--interval" => options with { Interval = value },
                "--cases" => options with { Cases = value },
                "--measure-days" => options with { Measure = value },
                "--batch" => options with { Batch = value },
                "--partitions" => options with { Partitions = value },
                "--warmup" => options with { Warmup = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}: use --people, --days, --interval, " +
                    "--cases, --measure-days, --batch, --partitions, --warmup."),
            };
        }

        if (args.Count % 2 != 0)
        {
            throw new ArgumentException($"Option {args[^1]} has no value.");
        }

        return options;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{People:N0} people x {Days} days at {Interval}-min pings, {Cases} cases, batches of {Batch:N0}, " +
        $"{Partitions} partition(s){(Warmup > 0 ? $", {Warmup} warm-up cases" : "")}");
}
