using System.Numerics;
using RlFramework.Envs.Seeding;

namespace RlFramework.Envs.Spaces;

/// <summary>
/// A set of values of type <typeparamref name="T"/> that can be sampled and tested for membership (Gymnasium's <c>Space</c>).
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
public abstract class Space<T> : ISpace where T : notnull
{
    private RandomGenerator? _random;

    /// <inheritdoc/>
    public abstract IReadOnlyList<int>? Shape { get; }

    /// <inheritdoc/>
    public abstract string? DType { get; }

    /// <inheritdoc/>
    public RandomGenerator Random => _random ??= RandomGenerator.FromSeed(null);

    /// <inheritdoc/>
    public virtual IReadOnlyList<BigInteger> Seed(int? seed = null) => [SeedOwnGenerator(seed)];

    private BigInteger SeedOwnGenerator(int? seed)
    {
        (_random, var used) = RandomGenerator.Create(seed);
        return used;
    }

    /// <summary>A random element of the space.</summary>
    public abstract T Sample();

    /// <summary>True when <paramref name="value"/> is an element of the space.</summary>
    public abstract bool Contains(T value);

    /// <inheritdoc/>
    public object SampleBoxed() => Sample();

    /// <inheritdoc/>
    public bool ContainsBoxed(object? value) => value is T typed && Contains(typed);

    /// <summary>Seeds each subspace of a composite space from one parent seed, as Gymnasium's Tuple and Dict do.</summary>
    private protected IReadOnlyList<BigInteger> SeedChildren(int? seed, IReadOnlyList<ISpace> children)
    {
        var seeds = new List<BigInteger> { SeedOwnGenerator(seed) };
        if (seed is null)
        {
            foreach (var child in children) seeds.AddRange(child.Seed(null));
            return seeds;
        }
        Span<long> childSeeds = stackalloc long[children.Count];
        Random.Integers(0, int.MaxValue, childSeeds);
        for (int i = 0; i < children.Count; i++) seeds.AddRange(children[i].Seed((int)childSeeds[i]));
        return seeds;
    }
}
