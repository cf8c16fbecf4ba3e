namespace HealthCode.Risk.Engine.Partitions;

/// <summary>Which partition is home to a person, and where a SIM without an owner waits.</summary>
/// <remarks>
/// The hash is FNV-1a over the key's characters, not <see cref="string.GetHashCode()"/>: that one is randomised
/// per process, and every node must agree on where a person lives.
/// </remarks>
public static class PartitionMap
{
    /// <summary>The partition of a key among <paramref name="partitions"/>.</summary>
    public static int Of(string key, int partitions)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (partitions == 1)
        {
            return 0;
        }

        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (int)(hash % (ulong)partitions);
    }
}
