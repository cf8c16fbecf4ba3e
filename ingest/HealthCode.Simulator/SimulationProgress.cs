namespace HealthCode.Simulator;

/// <summary>A progress note from a running simulation.</summary>
/// <param name="Stage">What is being done, e.g. <c>simulating day 3 of 7</c>.</param>
/// <param name="Fraction">Rough share of the work done, from 0 to 1.</param>
public sealed record SimulationProgress(string Stage, double Fraction);
