namespace HealthCode.Benchmarks.Risk;

/// <summary>One case through the engine: how long it took and whom it flagged.</summary>
/// <param name="Milliseconds">From adding the report to the end of the step.</param>
/// <param name="Updates">Person updates the step returned.</param>
/// <param name="Companions">People the step flagged as the case's companions.</param>
internal sealed record CaseTiming(double Milliseconds, int Updates, IReadOnlySet<string> Companions);
