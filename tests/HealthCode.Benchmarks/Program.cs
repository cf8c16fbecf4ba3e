using BenchmarkDotNet.Running;

// Each benchmark class is picked by name: dotnet run -c Release --project tests/HealthCode.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
