namespace RlFramework.Shared;

/// <summary>
/// The xoshiro256** generator seeded through SplitMix64: the one random stream under <c>Models.Generator</c> and
/// <c>Replay.ReplayRandom</c>. A mutable struct: keep it in a field, never copy it.
/// </summary>
internal struct Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Seeds the four state words from <paramref name="seed"/> through SplitMix64.</summary>
    internal Xoshiro256StarStar(long seed)
    {
        ulong x = unchecked((ulong)seed);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>The four 64-bit state words; setting them restores an earlier position in the sequence.</summary>
    /// <exception cref="ArgumentException">All four words are zero (xoshiro's one invalid state).</exception>
    internal (ulong S0, ulong S1, ulong S2, ulong S3) State
    {
        readonly get => (_s0, _s1, _s2, _s3);
        set
        {
            if ((value.S0 | value.S1 | value.S2 | value.S3) == 0)
            {
                throw new ArgumentException("The all-zero state is invalid for xoshiro256**; expected at least one non-zero word.", nameof(value));
            }

            (_s0, _s1, _s2, _s3) = value;
        }
    }

    /// <summary>Next 64 random bits.</summary>
    internal ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    internal double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
