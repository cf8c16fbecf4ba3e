using Akka.Actor;
using HealthCode.Risk.Cluster.Codes;

namespace HealthCode.Risk.Cluster.Persons;

/// <summary>What a <see cref="PersonGroup"/> entity needs, validated when built.</summary>
public sealed record PersonSettings
{
    /// <summary>Creates settings; fails at start-up rather than at the first message.</summary>
    /// <param name="rules">The rule set codes are evaluated with.</param>
    /// <param name="clock">The instant codes are evaluated at.</param>
    /// <param name="publisher">The local actor that puts code changes on the topic.</param>
    /// <param name="snapshotEvery">Save a snapshot after every this many journaled events; at least 1.</param>
    public PersonSettings(RuleSettings rules, EngineClock clock, IActorRef publisher, int snapshotEvery = 100)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotEvery, 1);

        Rules = rules;
        Clock = clock;
        Publisher = publisher;
        SnapshotEvery = snapshotEvery;
    }

    /// <summary>The rule set codes are evaluated with.</summary>
    public RuleSettings Rules { get; }

    /// <summary>The instant codes are evaluated at.</summary>
    public EngineClock Clock { get; }

    /// <summary>The local actor that puts code changes on the topic.</summary>
    public IActorRef Publisher { get; }

    /// <summary>Save a snapshot after every this many journaled events, which bounds the replay on recovery.</summary>
    public int SnapshotEvery { get; }

    /// <summary>
    /// How long a group waits for a message before it asks its shard to stop it, when none of its codes has a
    /// change scheduled and nothing waits for delivery; null keeps every group in memory.
    /// </summary>
    public TimeSpan? IdleAfter { get; init; }

    /// <summary>
    /// How long a green person's facts (flags, reports, declarations) are kept after the newest of them; then the
    /// group forgets them and keeps only the last code change's colour and sequence. Null keeps everything.
    /// </summary>
    public TimeSpan? Retention { get; init; }

    /// <summary>How often a group looks for persons to forget, on the wall clock.</summary>
    public TimeSpan RetentionSweepEvery { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long the deliveries of a group's code changes wait to be journaled with its next event before they are
    /// journaled alone (default 5 s). Until then a crash republishes those changes, which consumers drop as repeats.
    /// </summary>
    public TimeSpan DeliveriesJournaledWithin { get; init; } = TimeSpan.FromSeconds(5);
}
