using System.Numerics;

namespace RlFramework.Envs.Seeding;

/// <summary>
/// The random generator of environments and spaces, Gymnasium's <c>np_random</c>: NumPy's PCG64 stream, with
/// <see cref="Random"/>, <see cref="Uniform(double, double)"/> and <see cref="Integers(long)"/> bit-identical to
/// <c>np.random.Generator</c>. <see cref="Normal"/> and <see cref="Exponential"/> have the right distributions but
/// not NumPy's ziggurat stream.
/// </summary>
public sealed class RandomGenerator
{
    private readonly Pcg64 _bits;

    /// <summary>Wraps a bit generator.</summary>
    public RandomGenerator(Pcg64 bits) => _bits = bits ?? throw new ArgumentNullException(nameof(bits));

    /// <summary>
    /// Gymnasium's <c>seeding.np_random(seed)</c>: a generator seeded from <paramref name="seed"/>, or from
    /// 128 bits of OS entropy when it is null; returns the generator and the seed that was used.
    /// </summary>
    public static (RandomGenerator Generator, BigInteger Seed) Create(long? seed)
    {
        if (seed is < 0)
            throw new ArgumentOutOfRangeException(nameof(seed), seed, "A seed must be a non-negative integer or null.");
        BigInteger entropy = seed ?? new BigInteger(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16), isUnsigned: true);
        return (new RandomGenerator(new Pcg64(new SeedSequence(entropy))), entropy);
    }

    /// <summary>A generator seeded from <paramref name="seed"/> (see <see cref="Create"/>).</summary>
    public static RandomGenerator FromSeed(long? seed) => Create(seed).Generator;

    /// <summary>
    /// A generator for one purpose (e.g. a wrapper's own noise) derived from a user seed: its entropy is the seed and a
    /// hash of <paramref name="purpose"/>, so it is reproducible yet independent of the env's own stream. Null seed: OS entropy.
    /// </summary>
    public static RandomGenerator Derive(long? seed, string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        if (seed is null) return FromSeed(null);
        if (seed < 0) throw new ArgumentOutOfRangeException(nameof(seed), seed, "A seed must be a non-negative integer or null.");
        ulong hash = 14695981039346656037UL; // FNV-1a over the purpose's UTF-16 code units
        foreach (char c in purpose) hash = (hash ^ c) * 1099511628211UL;
        var entropy = ((BigInteger)seed.Value << 64) | hash;
        return new RandomGenerator(new Pcg64(new SeedSequence(entropy)));
    }

    /// <summary>The underlying bit generator.</summary>
    public Pcg64 BitGenerator => _bits;

    /// <summary>The next 64 raw random bits.</summary>
    public ulong NextUInt64() => _bits.NextUInt64();

    /// <summary>A uniform double in [0, 1), as <c>Generator.random()</c>.</summary>
    public double Random() => _bits.NextDouble();

    /// <summary>A uniform double in [low, high), as <c>Generator.uniform(low, high)</c>.</summary>
    public double Uniform(double low, double high) => low + (high - low) * _bits.NextDouble();

    /// <summary>Fills <paramref name="destination"/> with uniform doubles in [low, high), as <c>uniform(low, high, size)</c>.</summary>
    public void Uniform(double low, double high, Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
            destination[i] = Uniform(low, high);
    }

    /// <summary>A uniform integer in [0, high), as <c>Generator.integers(high)</c>.</summary>
    public long Integers(long high) => Integers(0, high);

    /// <summary>A uniform integer in [low, high), as <c>Generator.integers(low, high)</c>.</summary>
    public long Integers(long low, long high)
    {
        Span<long> one = stackalloc long[1];
        Integers(low, high, one);
        return one[0];
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with uniform integers in [low, high), as <c>integers(low, high, size)</c>
    /// (ranges below 2^32 draw 32-bit halves through the bit generator's buffer, exactly as NumPy does).
    /// </summary>
    public void Integers(long low, long high, Span<long> destination)
    {
        if (high <= low)
            throw new ArgumentOutOfRangeException(nameof(high), high, $"integers needs high > low; got low={low}, high={high}.");
        ulong range = (ulong)(high - low) - 1; // inclusive range, as NumPy's rng
        if (range == 0)
        {
            destination.Fill(low);
            return;
        }
        if (range <= uint.MaxValue)
        {
            for (int i = 0; i < destination.Length; i++)
                destination[i] = low + (range == uint.MaxValue ? _bits.NextUInt32() : BoundedLemire32((uint)range));
            return;
        }
        for (int i = 0; i < destination.Length; i++)
            destination[i] = low + (long)(range == ulong.MaxValue ? _bits.NextUInt64() : BoundedLemire64(range));
    }

    /// <summary>A standard normal sample (Marsaglia's polar method).</summary>
    public double Normal()
    {
        while (true)
        {
            double u = 2 * _bits.NextDouble() - 1, v = 2 * _bits.NextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1)
                return u * Math.Sqrt(-2 * Math.Log(s) / s);
        }
    }

    /// <summary>A standard exponential sample (inverse transform).</summary>
    public double Exponential() => -Math.Log(1.0 - _bits.NextDouble());

    /// <summary>
    /// An index drawn with the given probabilities, as <c>Generator.choice(n, p=probabilities)</c>
    /// (cumulative sum normalised by its last entry, one uniform draw, right-sided search).
    /// </summary>
    public int Choice(ReadOnlySpan<double> probabilities)
    {
        double total = 0;
        foreach (var p in probabilities) total += p;
        double u = _bits.NextDouble(), cumulative = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            cumulative += probabilities[i];
            if (cumulative / total > u) return i;
        }
        return probabilities.Length - 1;
    }

    private long BoundedLemire32(uint range)
    {
        uint exclusive = range + 1;
        ulong m = (ulong)_bits.NextUInt32() * exclusive;
        uint leftover = (uint)m;
        if (leftover < exclusive)
        {
            uint threshold = (uint.MaxValue - range) % exclusive;
            while (leftover < threshold)
            {
                m = (ulong)_bits.NextUInt32() * exclusive;
                leftover = (uint)m;
            }
        }
        return (long)(m >> 32);
    }

    private ulong BoundedLemire64(ulong range)
    {
        ulong exclusive = range + 1;
        UInt128 m = (UInt128)_bits.NextUInt64() * exclusive;
        ulong leftover = (ulong)m;
        if (leftover < exclusive)
        {
            ulong threshold = (ulong.MaxValue - range) % exclusive;
            while (leftover < threshold)
            {
                m = (UInt128)_bits.NextUInt64() * exclusive;
                leftover = (ulong)m;
            }
        }
        return (ulong)(m >> 64);
    }
}
