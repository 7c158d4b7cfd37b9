using System.Numerics;

namespace RlFramework.Envs.Spaces;

/// <summary>
/// The product of several spaces; a value is an <c>object[]</c> with one element per subspace (Gymnasium's <c>Tuple</c>;
/// renamed to avoid <see cref="System.Tuple"/>).
/// </summary>
public sealed class TupleSpace : Space<object[]>
{
    private readonly ISpace[] _spaces;

    /// <summary>Creates the product of <paramref name="spaces"/>.</summary>
    public TupleSpace(params ISpace[] spaces)
    {
        ArgumentNullException.ThrowIfNull(spaces);
        if (spaces.Any(s => s is null)) throw new ArgumentException("A Tuple space cannot hold a null subspace.", nameof(spaces));
        _spaces = (ISpace[])spaces.Clone();
    }

    /// <summary>The subspaces in order.</summary>
    public IReadOnlyList<ISpace> Spaces => _spaces;

    /// <inheritdoc/>
    public override IReadOnlyList<int>? Shape => null;

    /// <inheritdoc/>
    public override string? DType => null;

    /// <summary>Seeds this space and, from it, each subspace (as Gymnasium does with an int seed).</summary>
    public override IReadOnlyList<BigInteger> Seed(int? seed = null) => SeedChildren(seed, _spaces);

    /// <summary>Seeds each subspace with its own seed; the list must have one entry per subspace.</summary>
    public IReadOnlyList<BigInteger> Seed(IReadOnlyList<int?> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count != _spaces.Length)
            throw new ArgumentException($"Got {seeds.Count} seeds for a Tuple of {_spaces.Length} subspaces; give one per subspace.", nameof(seeds));
        return _spaces.Zip(seeds).SelectMany(p => p.First.Seed(p.Second)).ToList();
    }

    /// <inheritdoc/>
    public override object[] Sample() => _spaces.Select(s => s.SampleBoxed()).ToArray();

    /// <inheritdoc/>
    public override bool Contains(object[] value) =>
        value is not null && value.Length == _spaces.Length && _spaces.Zip(value).All(p => p.First.ContainsBoxed(p.Second));

    /// <summary>Gymnasium's form: <c>Tuple(Discrete(2), Box(...))</c>.</summary>
    public override string ToString() => $"Tuple({string.Join(", ", _spaces.Select(s => s.ToString()))})";
}
