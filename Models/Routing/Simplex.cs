using System.Numerics;

namespace RlFramework.Models.Routing;

/// <summary>Euclidean projection onto the probability simplex (Duchi et al. 2008).</summary>
public static class Simplex
{
    /// <summary>Replaces <paramref name="values"/> by the closest vector (in L2) with non-negative entries summing to 1.</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    public static void Project<T>(Span<T> values) where T : IFloatingPointIeee754<T>
    {
        if (values.IsEmpty) throw new ArgumentException("Cannot project an empty vector onto the simplex.", nameof(values));
        var sorted = values.ToArray();
        Array.Sort(sorted, (a, b) => b.CompareTo(a));
        double cumulative = 0, theta = 0;
        for (int k = 0; k < sorted.Length; k++)
        {
            cumulative += double.CreateTruncating(sorted[k]);
            double candidate = (cumulative - 1) / (k + 1);
            if (double.CreateTruncating(sorted[k]) - candidate > 0) theta = candidate;
        }
        for (int i = 0; i < values.Length; i++) values[i] = T.CreateTruncating(Math.Max(double.CreateTruncating(values[i]) - theta, 0));
    }
}
