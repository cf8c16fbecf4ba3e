using Prometheus;

namespace HealthCode.Node.Roles;

/// <summary>Prometheus metrics of the storage role.</summary>
internal static class StorageMetrics
{
    public static readonly Counter RowsWritten = Metrics.CreateCounter(
        "healthcode_storage_rows_written_total", "Canonical events flushed to ClickHouse.", "table");

    public static readonly Histogram BatchSeconds = Metrics.CreateHistogram(
        "healthcode_storage_batch_seconds", "Time to write and flush one consumed batch to ClickHouse.",
        new HistogramConfiguration
        {
            LabelNames = ["table"],
            Buckets = Histogram.ExponentialBuckets(0.005, 2, 14),
        });

    public static readonly Gauge ConsumerLag = Metrics.CreateGauge(
        "healthcode_kafka_consumer_lag_records", "Records not yet committed by a consumer group, per topic.",
        "group", "topic");

    /// <summary>Records a consumer group never read because the broker had dropped them (retention).</summary>
    public static readonly Gauge RecordsLost = Metrics.CreateGauge(
        "healthcode_kafka_consumer_records_lost", "Records a consumer never read: the broker had dropped them.",
        "group");

    public static readonly Counter DeadLettersSeen = Metrics.CreateCounter(
        "healthcode_storage_dead_letters_seen_total", "Dead-letter records read back from the dead-letter topics.",
        "feed");
}
