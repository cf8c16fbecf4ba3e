using HealthCode.Simulator.Geo;

namespace HealthCode.Simulator.Truth;

/// <summary>A continuous time [Start, End) a person's true position spent in one grid cell.</summary>
internal readonly record struct CellSpan(GridCell Cell, int Start, int End);
