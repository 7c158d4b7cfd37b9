namespace RlFramework.Envs.Spaces;

/// <summary>Binary vectors of length n, each entry 0 or 1 (Gymnasium's <c>MultiBinary</c>).</summary>
public sealed class MultiBinary : Space<byte[]>
{
    /// <summary>Creates the space of binary vectors of length <paramref name="n"/>.</summary>
    public MultiBinary(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "MultiBinary needs n > 0.");
        N = n;
    }

    /// <summary>The vector length.</summary>
    public int N { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<int> Shape => [N];

    /// <inheritdoc/>
    public override string DType => "int8";

    /// <summary>A uniform element: each entry independently 0 or 1.</summary>
    public override byte[] Sample()
    {
        Span<long> bits = N <= 256 ? stackalloc long[N] : new long[N];
        Random.Integers(0, 2, bits);
        var sample = new byte[N];
        for (int i = 0; i < N; i++) sample[i] = (byte)bits[i];
        return sample;
    }

    /// <inheritdoc/>
    public override bool Contains(byte[] value) => value is not null && value.Length == N && value.All(b => b <= 1);

    /// <summary>Gymnasium's form: <c>MultiBinary(n)</c>.</summary>
    public override string ToString() => $"MultiBinary({N})";
}
