namespace HealthCode.Kafka.Consuming;

/// <summary>Immutable tuning of <see cref="KafkaConsumerSource"/>, validated when the source is created.</summary>
public sealed record KafkaSourceSettings
{
    /// <summary>
    /// The defaults: 10,000 buffered records, pause after 1 s, 5 s revoke drain, 10 s shutdown drain.
    /// </summary>
    public static KafkaSourceSettings Default { get; } = new();

    /// <summary>
    /// Records handed over ahead of downstream demand; at this many the consumer stops taking records from
    /// librdkafka until downstream has taken half of them (default 10,000).
    /// </summary>
    public int MaxBufferedRecords { get; init; } = 10_000;

    /// <summary>
    /// How long downstream may take no records before the consumer pauses its partitions and polls anyway, to keep
    /// serving rebalances (default 1 s). Until then a full buffer just stops consumption, which keeps librdkafka's
    /// pre-fetched records; pausing discards them and delays the next fetch by about a second.
    /// </summary>
    public TimeSpan PauseAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest single wait for records; it bounds how quickly the consumer reacts to shutdown (default 50 ms).
    /// </summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How long a revocation waits for records already emitted from the revoked partitions to be handled and
    /// committed before the partitions move on; later ones are redelivered to the new owner (default 5 s).
    /// </summary>
    public TimeSpan RevokeDrainTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a drain waits for emitted records to be handled before it commits and closes (default 10 s).
    /// </summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the consumer lag snapshot is refreshed (default 1 s).</summary>
    public TimeSpan LagRefreshInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of the broker queries behind a lag refresh (default 1 s).</summary>
    public TimeSpan LagQueryTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Checks every setting and throws <see cref="InvalidOperationException"/> naming the first bad one.
    /// </summary>
    public void Validate()
    {
        Require(MaxBufferedRecords >= 2, nameof(MaxBufferedRecords), "must be at least 2", MaxBufferedRecords);
        Require(
            PollTimeout > TimeSpan.Zero && PollTimeout <= TimeSpan.FromSeconds(5),
            nameof(PollTimeout),
            "must be between 0 and 5 s",
            PollTimeout);
        Require(PauseAfter >= TimeSpan.Zero, nameof(PauseAfter), "must not be negative", PauseAfter);
        Require(
            RevokeDrainTimeout >= TimeSpan.Zero,
            nameof(RevokeDrainTimeout),
            "must not be negative",
            RevokeDrainTimeout);
        Require(DrainTimeout >= TimeSpan.Zero, nameof(DrainTimeout), "must not be negative", DrainTimeout);
        Require(
            LagRefreshInterval > TimeSpan.Zero, nameof(LagRefreshInterval), "must be positive", LagRefreshInterval);
        Require(LagQueryTimeout > TimeSpan.Zero, nameof(LagQueryTimeout), "must be positive", LagQueryTimeout);
    }

    private static void Require(bool condition, string setting, string rule, object actual)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Kafka source setting '{setting}' {rule} (was '{actual}').");
        }
    }
}
