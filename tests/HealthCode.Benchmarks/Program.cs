using BenchmarkDotNet.Running;
using HealthCode.Benchmarks.Risk;

// The risk-engine harness commands (risk-throughput, risk-latency, risk-sql) load millions of pings once, which
// BenchmarkDotNet's repeated launches would redo; anything else goes to BenchmarkDotNet:
// dotnet run -c Release --project tests/HealthCode.Benchmarks -- --filter '*'
if (await RiskHarness.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
