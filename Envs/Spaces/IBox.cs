namespace RlFramework.Envs.Spaces;

/// <summary>The element-type-free view of a <see cref="Box{T}"/>: its size and bounds as doubles.</summary>
public interface IBox : ISpace
{
    /// <summary>The number of elements of a value.</summary>
    int Size { get; }

    /// <summary>The lower bound of element <paramref name="index"/>.</summary>
    double LowAt(int index);

    /// <summary>The upper bound of element <paramref name="index"/>.</summary>
    double HighAt(int index);
}
