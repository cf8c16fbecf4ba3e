namespace HealthCode.Risk.Cluster.Persons;

/// <summary>The tunables of a <see cref="Person"/> entity, validated when built.</summary>
public sealed record PersonSettings
{
    /// <summary>The defaults: a snapshot every 100 events.</summary>
    public static PersonSettings Default { get; } = new(100);

    /// <summary>Creates settings; fails at start-up rather than at the first message.</summary>
    /// <param name="snapshotEvery">Save a snapshot after every this many journaled events; at least 1.</param>
    public PersonSettings(int snapshotEvery)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotEvery, 1);
        SnapshotEvery = snapshotEvery;
    }

    /// <summary>Save a snapshot after every this many journaled events, which bounds the replay on recovery.</summary>
    public int SnapshotEvery { get; }
}
