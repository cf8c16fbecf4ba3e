namespace HealthCode.Simulator.Randomness;

/// <summary>Stateless hashing of (seed, stream, indices) into well-mixed 64-bit values (SplitMix64).</summary>
internal static class SeedMixer
{
    private const double UnitScale = 1.0 / (1UL << 53);

    /// <summary>The SplitMix64 finaliser: a bijection whose output bits each depend on every input bit.</summary>
    public static ulong Mix(ulong value)
    {
        var z = value + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Hashes a seed, a stream and up to four indices into one value.</summary>
    public static ulong Hash(ulong seed, RandomStream stream, long a = 0, long b = 0, long c = 0, long d = 0)
    {
        var h = Mix(seed ^ Mix((ulong)stream));
        h = Mix(h ^ Mix(unchecked((ulong)a)));
        h = Mix(h ^ Mix(unchecked((ulong)b) + 0x632BE59BD9B4E019UL));
        h = Mix(h ^ Mix(unchecked((ulong)c) + 0x8CB92BA72F3D8DD7UL));
        return Mix(h ^ Mix(unchecked((ulong)d) + 0xD6E8FEB86659FD93UL));
    }

    /// <summary>A uniform double in [0, 1) from the top 53 bits of a hash.</summary>
    public static double ToUnit(ulong hash) => (hash >> 11) * UnitScale;

    /// <summary>A uniform double in [0, 1) for a seed, stream and indices.</summary>
    public static double Unit(ulong seed, RandomStream stream, long a = 0, long b = 0, long c = 0, long d = 0) =>
        ToUnit(Hash(seed, stream, a, b, c, d));
}
