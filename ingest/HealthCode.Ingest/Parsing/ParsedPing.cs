using HealthCode.Ingest.Records;

namespace HealthCode.Ingest.Parsing;

/// <summary>The fields of one valid, pseudonymised ping, carried by the fast path without a protobuf object.</summary>
/// <remarks>
/// Field for field the <c>Ping</c> event of ping.proto: a struct so that a million pings a second do not
/// become three million short-lived objects (the <c>Ping</c>, its <c>ByteString</c> and its byte array).
/// </remarks>
internal readonly struct ParsedPing
{
    public ParsedPing(in RecordIdBytes recordId, string subscriberKey, double lat, double lon, float accuracyM,
        long observedAtMs, long cell)
    {
        RecordId = recordId;
        SubscriberKey = subscriberKey;
        Lat = lat;
        Lon = lon;
        AccuracyM = accuracyM;
        ObservedAtMs = observedAtMs;
        Cell = cell;
    }

    /// <summary>A field rather than a property, so callers can read its bytes as a span in place.</summary>
    public readonly RecordIdBytes RecordId;

    public string SubscriberKey { get; }

    public double Lat { get; }

    public double Lon { get; }

    public float AccuracyM { get; }

    public long ObservedAtMs { get; }

    public long Cell { get; }
}
