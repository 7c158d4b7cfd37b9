namespace RlFramework.Envs.Seeding;

/// <summary>
/// NumPy's <c>SeedSequence</c> entropy mixer: turns a seed into well-spread generator state words,
/// bit-identical to <c>np.random.SeedSequence(seed).generate_state(...)</c>.
/// </summary>
public sealed class SeedSequence
{
    private const int PoolSize = 4;
    private const uint InitA = 0x43b0d7e5, MultA = 0x931e8875, InitB = 0x8b51f9dd, MultB = 0x58f38ded;
    private const uint MixMultL = 0xca01f9dd, MixMultR = 0x4973f715;
    private const int XShift = 16;

    private readonly uint[] _pool = new uint[PoolSize];

    /// <summary>Mixes a non-negative integer seed (any size) into the entropy pool.</summary>
    public SeedSequence(System.Numerics.BigInteger entropy)
    {
        if (entropy.Sign < 0)
            throw new ArgumentOutOfRangeException(nameof(entropy), entropy, "A seed must be a non-negative integer.");
        Entropy = entropy;
        MixEntropy(ToWords(entropy));
    }

    /// <summary>The seed this sequence was built from (NumPy's <c>entropy</c>).</summary>
    public System.Numerics.BigInteger Entropy { get; }

    /// <summary>Generates <paramref name="count"/> 32-bit state words.</summary>
    public uint[] GenerateState32(int count)
    {
        var state = new uint[count];
        uint hashConst = InitB;
        for (int i = 0; i < count; i++)
        {
            uint value = _pool[i % PoolSize];
            value ^= hashConst;
            hashConst *= MultB;
            value *= hashConst;
            value ^= value >> XShift;
            state[i] = value;
        }
        return state;
    }

    /// <summary>Generates <paramref name="count"/> 64-bit state words (pairs of 32-bit words, low word first).</summary>
    public ulong[] GenerateState64(int count)
    {
        var words = GenerateState32(count * 2);
        var state = new ulong[count];
        for (int i = 0; i < count; i++)
            state[i] = words[2 * i] | ((ulong)words[2 * i + 1] << 32);
        return state;
    }

    private static uint[] ToWords(System.Numerics.BigInteger value)
    {
        if (value.IsZero) return [0u];
        var words = new List<uint>();
        while (!value.IsZero)
        {
            words.Add((uint)(value & uint.MaxValue));
            value >>= 32;
        }
        return [.. words];
    }

    private void MixEntropy(uint[] entropy)
    {
        uint hashConst = InitA;
        uint HashMix(uint value)
        {
            value ^= hashConst;
            hashConst *= MultA;
            value *= hashConst;
            value ^= value >> XShift;
            return value;
        }
        static uint Mix(uint x, uint y)
        {
            uint result = MixMultL * x - MixMultR * y;
            return result ^ (result >> XShift);
        }

        for (int i = 0; i < PoolSize; i++)
            _pool[i] = HashMix(i < entropy.Length ? entropy[i] : 0u);
        for (int src = 0; src < PoolSize; src++)
        {
            for (int dst = 0; dst < PoolSize; dst++)
            {
                if (src != dst)
                    _pool[dst] = Mix(_pool[dst], HashMix(_pool[src]));
            }
        }

        for (int src = PoolSize; src < entropy.Length; src++)
        {
            for (int dst = 0; dst < PoolSize; dst++)
                _pool[dst] = Mix(_pool[dst], HashMix(entropy[src]));
        }
    }
}
