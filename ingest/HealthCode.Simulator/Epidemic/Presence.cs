namespace HealthCode.Simulator.Epidemic;

/// <summary>A person's continuous time at one place on one day.</summary>
internal readonly record struct Presence(int Person, int Start, int End);
