namespace HealthCode.Ingest.Publishing;

/// <summary>Settings of the ingest stage, validated when created.</summary>
public sealed record IngestSettings
{
    /// <summary>The secret whose UTF-8 bytes key the HMAC of every identifier. Required.</summary>
    public required string Pepper { get; init; }

    /// <summary>Pings per Kafka record (one <c>PingBatch</c>); batches are grouped per partition.</summary>
    public int PingBatchSize { get; init; } = 1000;

    /// <summary>Side of a grid cell in metres, used to stamp each ping with its cell.</summary>
    public double CellMetres { get; init; } = 800;

    /// <summary>Lines between calls of the pacing hook that keeps producers from outrunning consumers.</summary>
    public int PaceEveryLines { get; init; } = 20_000;

    /// <summary>How long to wait for topic metadata before failing.</summary>
    public TimeSpan MetadataTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws with the name of the first invalid setting.</summary>
    public IngestSettings Validate()
    {
        if (string.IsNullOrEmpty(Pepper))
        {
            throw new ArgumentException("ingest.pepper must be set: it is the secret that keys every identifier.");
        }

        if (PingBatchSize is < 1 or > 50_000)
        {
            throw new ArgumentException($"ingest.ping-batch-size must be 1..50000, not {PingBatchSize}.");
        }

        if (!(CellMetres > 0))
        {
            throw new ArgumentException($"ingest.cell-metres must be positive, not {CellMetres}.");
        }

        if (PaceEveryLines < 1)
        {
            throw new ArgumentException($"ingest.pace-every-lines must be positive, not {PaceEveryLines}.");
        }

        return this;
    }
}
