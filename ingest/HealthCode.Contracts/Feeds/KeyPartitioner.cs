using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace HealthCode.Contracts.Feeds;

/// <summary>Maps a record key to a Kafka partition the same way in every producer of every feed.</summary>
/// <remarks>
/// Person and subscriber keys are already uniform (they are HMAC output), so their first 32 bits are the hash;
/// other keys (services) are hashed with XxHash32. Producing with explicit partitions keeps pings and
/// subscribers of one subscriber key in the same partition number, whatever client library produced them.
/// </remarks>
public static class KeyPartitioner
{
    /// <summary>The partition in [0, partitions) for a key.</summary>
    public static int PartitionOf(string key, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);

        return (int)(HashOf(key) % (uint)partitions);
    }

    private static uint HashOf(string key)
    {
        if (key.Length == 32 && uint.TryParse(key.AsSpan(0, 8), NumberStyles.AllowHexSpecifier,
                CultureInfo.InvariantCulture, out var prefix))
        {
            return prefix;
        }

        return XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(key));
    }
}
