namespace HealthCode.Ingest.Tests.Publishing;

/// <summary>One record read back from a topic, with where it was stored.</summary>
internal sealed record ConsumedRecord(int Partition, long Offset, byte[]? Key, byte[] Value);
