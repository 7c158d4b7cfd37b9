using System.Numerics;
using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Vector;

/// <summary>
/// A batch of <see cref="Count"/> independent elements of one space: the batched action space of vector envs whose
/// sub-env action space is not Discrete (Gymnasium would stack a Box into one larger Box; here an action batch is
/// an array with one action per sub-env, so the space is one of arrays of actions).
/// </summary>
/// <typeparam name="TItem">The element type of the single space.</typeparam>
public sealed class BatchedSpace<TItem> : Space<TItem[]> where TItem : notnull
{
    /// <summary>Creates the space of <paramref name="count"/> elements of <paramref name="single"/>.</summary>
    public BatchedSpace(Space<TItem> single, int count)
    {
        Single = single ?? throw new ArgumentNullException(nameof(single));
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "A batched space needs count >= 1.");
        Count = count;
    }

    /// <summary>The space of one element.</summary>
    public Space<TItem> Single { get; }

    /// <summary>The number of elements in a batch.</summary>
    public int Count { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<int>? Shape => Single.Shape is { } shape ? [Count, .. shape] : null;

    /// <inheritdoc/>
    public override string? DType => Single.DType;

    /// <summary>Seeds the single space (the batch draws from it), returning its seeds.</summary>
    public override IReadOnlyList<BigInteger> Seed(int? seed = null) => Single.Seed(seed);

    /// <summary>A batch of <see cref="Count"/> independent samples of the single space.</summary>
    public override TItem[] Sample()
    {
        var batch = new TItem[Count];
        for (int i = 0; i < Count; i++) batch[i] = Single.Sample();
        return batch;
    }

    /// <summary>True when <paramref name="value"/> has <see cref="Count"/> elements, each in the single space.</summary>
    public override bool Contains(TItem[] value)
    {
        if (value is null || value.Length != Count) return false;
        foreach (var item in value)
            if (item is null || !Single.Contains(item)) return false;
        return true;
    }

    /// <summary><c>Batched(single, n=count)</c>.</summary>
    public override string ToString() => $"Batched({Single}, n={Count})";
}
