namespace HealthCode.Ingest.Tests.Publishing;

/// <summary>A line that must reach the dead letters: number, field blamed (null: the whole line), text.</summary>
internal sealed record ExpectedDeadLetter(long Line, string? Field, string Raw);
