using System.Numerics;

namespace HealthCode.Simulator.Randomness;

/// <summary>
/// A small, fast xoshiro256** generator. System.Random is avoided because its seeded sequence is not a
/// documented contract, while the simulator promises byte-identical output for a seed.
/// </summary>
/// <remarks>A mutable struct: pass it by <c>ref</c>, never by value, or draws repeat.</remarks>
internal struct Rng
{
    private const double UnitScale = 1.0 / (1UL << 53);

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public Rng(ulong seed)
    {
        _s0 = SeedMixer.Mix(seed);
        _s1 = SeedMixer.Mix(_s0 ^ 0x6A09E667F3BCC909UL);
        _s2 = SeedMixer.Mix(_s1 ^ 0xBB67AE8584CAA73BUL);
        _s3 = SeedMixer.Mix(_s2 ^ 0x3C6EF372FE94F82BUL);
    }

    /// <summary>A generator for one stream of one entity, e.g. the plan of person 7 on day 3.</summary>
    public static Rng For(ulong seed, RandomStream stream, long a = 0, long b = 0, long c = 0, long d = 0) =>
        new(SeedMixer.Hash(seed, stream, a, b, c, d));

    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * UnitScale;

    /// <summary>Uniform integer in [0, maxExclusive), by Lemire's multiply-shift.</summary>
    public int Next(int maxExclusive) =>
        maxExclusive <= 1 ? 0 : (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);

    /// <summary>Uniform integer in [min, maxExclusive).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    /// <summary>Uniform double in [min, max).</summary>
    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>A normal deviate by Box-Muller; the second value is discarded to keep the struct small.</summary>
    public double Normal(double mean, double standardDeviation)
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return mean + standardDeviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>A log-normal deviate given its median and the standard deviation of its logarithm.</summary>
    public double LogNormal(double median, double sigma) => median * Math.Exp(Normal(0, sigma));

    /// <summary>An index drawn with the given relative weights.</summary>
    public int PickWeighted(ReadOnlySpan<double> weights)
    {
        var total = 0.0;

        foreach (var w in weights)
        {
            total += w;
        }

        var target = NextDouble() * total;

        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];

            if (target < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
