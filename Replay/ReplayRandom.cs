namespace RlFramework.Replay;

/// <summary>
/// The seeded random source of the replay buffers: xoshiro256** seeded through SplitMix64. Its state can be read
/// and restored, so a saved buffer resumes with the exact same sample sequence.
/// </summary>
public sealed class ReplayRandom
{
    private Xoshiro256StarStar _bits;

    /// <summary>Creates a generator from a seed; the same seed always gives the same sequence.</summary>
    public ReplayRandom(long seed) => _bits = new Xoshiro256StarStar(seed);

    /// <summary>The four 64-bit state words; setting them restores an earlier position in the sequence.</summary>
    /// <exception cref="ArgumentException">All four words are zero (xoshiro's one invalid state).</exception>
    public (ulong S0, ulong S1, ulong S2, ulong S3) State
    {
        get => _bits.State;
        set => _bits.State = value;
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64() => _bits.NextUInt64();

    /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>) without modulo bias (Lemire's method).</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "Expected a positive upper bound.");
        }

        // Lemire: the high 32 bits of (32 random bits × range) are uniform in [0, range) after rejecting a sliver.
        ulong range = (ulong)maxExclusive;
        ulong m = (NextUInt64() >> 32) * range;
        uint low = (uint)m;
        if (low < range)
        {
            uint threshold = (uint)((0x1_0000_0000UL - range) % range);
            while (low < threshold)
            {
                m = (NextUInt64() >> 32) * range;
                low = (uint)m;
            }
        }

        return (int)(m >> 32);
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => _bits.NextDouble();
}
