using Prometheus;

namespace HealthCode.Node.Risk;

/// <summary>The risk role's Prometheus metrics.</summary>
internal static class RiskMetrics
{
    /// <summary>Canonical events the engine took in, by feed.</summary>
    public static readonly Counter EventsIn = Metrics.CreateCounter(
        "healthcode_risk_events_total", "Canonical events read by the risk engine.", "feed");

    /// <summary>Code changes on the code-changes topic, by new colour.</summary>
    public static readonly Counter CodeChanges = Metrics.CreateCounter(
        "healthcode_code_changes_total", "Code changes delivered to the code-changes topic.", "colour");

    /// <summary>Current contacts by rule: distinct (person, case) pairs.</summary>
    public static readonly Gauge Contacts = Metrics.CreateGauge(
        "healthcode_contacts", "Current contacts (distinct person and case) by rule.", "rule");

    /// <summary>From a case report on Kafka to the last code change it caused being on code-changes.</summary>
    public static readonly Histogram DetectionLatency = Metrics.CreateHistogram(
        "healthcode_detection_latency_seconds",
        "From a case report's Kafka timestamp to the delivery of the code changes it caused.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.005, 2, 14) });

    /// <summary>How long the engine took over one batch of records, end to end.</summary>
    public static readonly Histogram BatchSeconds = Metrics.CreateHistogram(
        "healthcode_risk_batch_seconds", "Risk engine batch time, decode to acknowledged person updates.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });
}
