namespace RlFramework.Models;

/// <summary>Seeded pseudo-random generator (xoshiro256**, seeded through SplitMix64), like <c>torch.Generator</c>.</summary>
public sealed class Generator
{
    private Xoshiro256StarStar _bits;
    private double _spare;
    private bool _hasSpare;

    /// <summary>Creates a generator with the given seed.</summary>
    public Generator(long seed = 0) => manual_seed(seed);

    /// <summary>The seed last set.</summary>
    public long initial_seed { get; private set; }

    /// <summary>Re-seeds the generator; returns this.</summary>
    public Generator manual_seed(long seed)
    {
        initial_seed = seed;
        _bits = new Xoshiro256StarStar(seed);
        _hasSpare = false;
        return this;
    }

    /// <summary>Next raw 64-bit value.</summary>
    public ulong NextUInt64() => _bits.NextUInt64();

    /// <summary>Uniform double in [0, 1).</summary>
    public double NextDouble() => _bits.NextDouble();

    /// <summary>Uniform float in [0, 1).</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform integer in [0, n).</summary>
    public long NextInt64(long n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), $"upper bound must be positive, got {n}");
        ulong un = (ulong)n;
        ulong limit = ulong.MaxValue - ulong.MaxValue % un;
        ulong v;
        do v = NextUInt64(); while (v >= limit);
        return (long)(v % un);
    }

    /// <summary>Standard normal sample (Box–Muller in double precision).</summary>
    public double NextNormal()
    {
        if (_hasSpare) { _hasSpare = false; return _spare; }
        double u1;
        do u1 = NextDouble(); while (u1 <= double.Epsilon);
        double u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spare = r * Math.Sin(2 * Math.PI * u2);
        _hasSpare = true;
        return r * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Fills with uniform samples in [low, high).</summary>
    public void FillUniform(Span<float> dst, double low, double high)
    {
        for (int i = 0; i < dst.Length; i++) dst[i] = (float)(low + (high - low) * NextDouble());
    }

    /// <summary>Fills with normal samples of the given mean and standard deviation.</summary>
    public void FillNormal(Span<float> dst, double mean, double std)
    {
        for (int i = 0; i < dst.Length; i++) dst[i] = (float)(mean + std * NextNormal());
    }

    /// <summary>Copies the full generator state (for checkpoints).</summary>
    public ulong[] get_state() => [_bits.State.S0, _bits.State.S1, _bits.State.S2, _bits.State.S3, _hasSpare ? 1UL : 0UL, (ulong)BitConverter.DoubleToInt64Bits(_spare)];

    /// <summary>Restores a state from <see cref="get_state"/>.</summary>
    public void set_state(ulong[] state)
    {
        if (state.Length != 6) throw new ArgumentException($"set_state: expected 6 words, got {state.Length}");
        _bits.State = (state[0], state[1], state[2], state[3]);
        _hasSpare = state[4] != 0;
        _spare = BitConverter.Int64BitsToDouble((long)state[5]);
    }
}
