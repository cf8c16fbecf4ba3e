namespace HealthCode.Benchmarks.Risk;

/// <summary>
/// The risk engine's harness commands, run in-process rather than under BenchmarkDotNet because each loads
/// millions of pings once and then measures single events against them.
/// </summary>
/// <remarks>
/// <c>risk-throughput</c> streams pings into a loaded engine; <c>risk-latency</c> times a new case against a full
/// history; <c>risk-sql</c> times the same cases in the engine and as <c>CompanionQuery</c> in chDB;
/// <c>risk-e2e</c> times them through a node (embedded Kafka, engine, journaled persons, published code changes);
/// <c>risk-persons</c> times the person groups alone (<c>--people</c> is the persons per batch).
/// Each takes <c>--people N --days D --interval MIN --cases C</c>; the defaults finish in under ten minutes on two
/// cores.
/// </remarks>
internal static class RiskHarness
{
    /// <summary>Runs the command named by <paramref name="args"/>[0]; null when it is not one of these.</summary>
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            return null;
        }

        var rest = args[1..];
        switch (args[0])
        {
            case "risk-throughput":
                ThroughputRun.Run(HarnessOptions.Parse(rest, new HarnessOptions { Days = 3, Cases = 10 }));
                return 0;
            case "risk-latency":
                LatencyRun.Run(HarnessOptions.Parse(rest, new HarnessOptions()));
                return 0;
            case "risk-sql":
                var sql = HarnessOptions.Parse(rest, new HarnessOptions { People = 20_000, Cases = 3 });
                await SqlPeerRun.RunAsync(sql).ConfigureAwait(false);
                return 0;
            case "risk-e2e":
                await EndToEndRun.RunAsync(HarnessOptions.Parse(rest, new HarnessOptions { Cases = 20 }))
                    .ConfigureAwait(false);
                return 0;
            case "risk-persons":
                await PersonPathRun.RunAsync(HarnessOptions.Parse(rest, new HarnessOptions { People = 2_000 }))
                    .ConfigureAwait(false);
                return 0;
            default:
                return null;
        }
    }
}
