using System.Runtime.CompilerServices;

namespace HealthCode.Ingest.Records;

/// <summary>The 16 bytes of a record id held inline, so the ping fast path needs no array per record.</summary>
[InlineArray(RecordIds.Length)]
internal struct RecordIdBytes
{
    private byte _first;
}
