namespace HealthCode.Simulator.Geo;

/// <summary>A cell of the contact grid. Its record-struct hash mixes both halves; a packed long's would not.</summary>
internal readonly record struct GridCell(int Row, int Col);
