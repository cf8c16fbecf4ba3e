using Google.Protobuf;

namespace HealthCode.Ingest.Parsing;

/// <summary>A validated, pseudonymised canonical event and the Kafka key it is published under.</summary>
public readonly record struct ParsedRecord(IMessage Message, string Key);
