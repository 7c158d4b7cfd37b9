using System.Numerics;
using RlFramework.Envs.Seeding;

namespace RlFramework.Envs.Spaces;

/// <summary>The type-erased view of a space: shape, seeding and object-typed sampling and membership.</summary>
public interface ISpace
{
    /// <summary>The shape of a value (empty for a scalar; null for composite spaces).</summary>
    IReadOnlyList<int>? Shape { get; }

    /// <summary>The element type's NumPy name (int64, float32, ...), or null for composite spaces.</summary>
    string? DType { get; }

    /// <summary>The space's random generator (seeded from OS entropy on first use unless <see cref="Seed"/> was called).</summary>
    RandomGenerator Random { get; }

    /// <summary>Re-creates the random generator from <paramref name="seed"/> (null: OS entropy); returns the seeds used.</summary>
    IReadOnlyList<BigInteger> Seed(int? seed = null);

    /// <summary>A random element, boxed.</summary>
    object SampleBoxed();

    /// <summary>True when <paramref name="value"/> is of the space's type and an element of the space.</summary>
    bool ContainsBoxed(object? value);
}
