using BenchmarkDotNet.Running;
using HealthCode.Benchmarks.Risk;

// The risk-engine harness commands (risk-throughput, risk-latency, risk-sql, risk-e2e) load millions of pings once,
// which BenchmarkDotNet's repeated launches would redo; anything else goes to BenchmarkDotNet:
// dotnet run -c Release --project tests/HealthCode.Benchmarks -- --filter '*'
if (await RiskHarness.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

// Named by a harness type: this project sees the node's internals, whose top-level Program would make
// typeof(Program) ambiguous (CS0436).
BenchmarkSwitcher.FromAssembly(typeof(RiskHarness).Assembly).Run(args);
return 0;
