using Prometheus;

namespace HealthCode.Ingest.Publishing;

/// <summary>Prometheus counters of the ingest stage, labelled by feed.</summary>
public static class IngestMetrics
{
    /// <summary>Valid records published to the canonical topics.</summary>
    public static readonly Counter Records = Metrics.CreateCounter(
        "healthcode_ingest_records_total", "Valid partner records published after ingest.", "feed");

    /// <summary>Rejected lines sent to the dead-letter topics.</summary>
    public static readonly Counter DeadLetters = Metrics.CreateCounter(
        "healthcode_ingest_dead_letters_total", "Partner lines rejected to the dead-letter topic.", "feed");

    /// <summary>Bytes of partner input read.</summary>
    public static readonly Counter InputBytes = Metrics.CreateCounter(
        "healthcode_ingest_input_bytes_total", "Bytes of partner files read by ingest.", "feed");
}
