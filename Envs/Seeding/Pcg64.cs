namespace RlFramework.Envs.Seeding;

/// <summary>
/// NumPy's default bit generator, PCG64 (128-bit LCG with the XSL-RR output function),
/// seeded from a <see cref="SeedSequence"/> exactly as <c>np.random.PCG64(seed_sequence)</c> is.
/// </summary>
public sealed class Pcg64
{
    private static readonly UInt128 Multiplier = new(0x2360ED051FC65DA4UL, 0x4385DF649FCCF645UL);

    private UInt128 _state;
    private UInt128 _increment;
    private bool _hasUInt32;
    private uint _bufferedUInt32;

    /// <summary>Seeds the generator from four 64-bit words of the seed sequence.</summary>
    public Pcg64(SeedSequence seedSequence)
    {
        ArgumentNullException.ThrowIfNull(seedSequence);
        var words = seedSequence.GenerateState64(4);
        var initState = new UInt128(words[0], words[1]);
        var initSequence = new UInt128(words[2], words[3]);
        _state = 0;
        _increment = (initSequence << 1) | 1;
        Advance();
        _state += initState;
        Advance();
    }

    /// <summary>Returns the next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        Advance();
        ulong high = (ulong)(_state >> 64), low = (ulong)_state;
        int rotation = (int)(_state >> 122);
        return ulong.RotateRight(high ^ low, rotation);
    }

    /// <summary>
    /// Returns the next 32 random bits: each 64-bit draw serves two calls, low half first, with the high half kept
    /// between calls (NumPy's <c>next_uint32</c>).
    /// </summary>
    public uint NextUInt32()
    {
        if (_hasUInt32)
        {
            _hasUInt32 = false;
            return _bufferedUInt32;
        }
        ulong next = NextUInt64();
        _hasUInt32 = true;
        _bufferedUInt32 = (uint)(next >> 32);
        return (uint)next;
    }

    /// <summary>Returns a uniform double in [0, 1) from the top 53 bits, as NumPy's <c>next_double</c>.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>The full generator state (for checkpoints), as NumPy's <c>bit_generator.state</c>.</summary>
    public Pcg64State GetState() => new(_state, _increment, _hasUInt32, _bufferedUInt32);

    /// <summary>Restores a state captured with <see cref="GetState"/>.</summary>
    public void SetState(Pcg64State state)
    {
        if ((state.Increment & 1) == 0)
            throw new ArgumentException($"A PCG64 increment must be odd; got {state.Increment}.", nameof(state));
        (_state, _increment, _hasUInt32, _bufferedUInt32) = (state.State, state.Increment, state.HasUInt32, state.BufferedUInt32);
    }

    private void Advance() => _state = _state * Multiplier + _increment;
}
