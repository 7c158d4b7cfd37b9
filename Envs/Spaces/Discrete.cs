namespace RlFramework.Envs.Spaces;

/// <summary>The integers <c>start, start+1, ..., start+n-1</c> (Gymnasium's <c>Discrete(n, start)</c>).</summary>
public sealed class Discrete : Space<int>
{
    /// <summary>Creates the space of <paramref name="n"/> integers from <paramref name="start"/>.</summary>
    public Discrete(int n, int start = 0)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "Discrete needs n > 0.");
        N = n;
        Start = start;
    }

    /// <summary>The number of elements.</summary>
    public int N { get; }

    /// <summary>The smallest element.</summary>
    public int Start { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<int> Shape => [];

    /// <inheritdoc/>
    public override string DType => "int64";

    /// <summary>A uniform element (bit-identical to Gymnasium for the same seed).</summary>
    public override int Sample() => Start + (int)Random.Integers(N);

    /// <summary>
    /// A uniform element among those whose mask entry is 1 (the mask has n entries, each 0 or 1); when no entry is 1,
    /// returns <see cref="Start"/>.
    /// </summary>
    public int Sample(ReadOnlySpan<byte> mask)
    {
        if (mask.Length != N)
            throw new ArgumentException($"The action mask has {mask.Length} entries; Discrete({N}) needs {N}.", nameof(mask));
        Span<int> valid = stackalloc int[N];
        int count = 0;
        for (int i = 0; i < N; i++)
        {
            if (mask[i] > 1)
                throw new ArgumentException($"mask[{i}] = {mask[i]}; mask entries must be 0 or 1.", nameof(mask));
            if (mask[i] == 1) valid[count++] = i;
        }
        return count == 0 ? Start : Start + valid[(int)Random.Integers(count)];
    }

    /// <summary>An element drawn with the given probabilities (n entries in [0, 1] summing to 1).</summary>
    public int SampleWithProbability(ReadOnlySpan<double> probability)
    {
        if (probability.Length != N)
            throw new ArgumentException($"The probability vector has {probability.Length} entries; Discrete({N}) needs {N}.", nameof(probability));
        double total = 0;
        for (int i = 0; i < N; i++)
        {
            if (!(probability[i] >= 0 && probability[i] <= 1))
                throw new ArgumentException($"probability[{i}] = {probability[i]}; entries must lie in [0, 1].", nameof(probability));
            total += probability[i];
        }
        if (Math.Abs(total - 1) > 1e-8)
            throw new ArgumentException($"The probabilities sum to {total}; they must sum to 1.", nameof(probability));
        return Start + Random.Choice(probability);
    }

    /// <inheritdoc/>
    public override bool Contains(int value) => value >= Start && value - Start < N;

    /// <summary>Gymnasium's form: <c>Discrete(n)</c> or <c>Discrete(n, start=s)</c>.</summary>
    public override string ToString() => Start == 0 ? $"Discrete({N})" : $"Discrete({N}, start={Start})";
}
