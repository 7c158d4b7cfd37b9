namespace RlFramework.Runner.Experiments.EProp;

/// <summary>
/// The exact two-sided Mann–Whitney U (Wilcoxon rank-sum) test by enumerating every split of the pooled values into
/// groups of the two sizes (a permutation test on the rank sum; ties get mid-ranks). Exact for small samples such as
/// 5 seeds against 5 (252 splits).
/// </summary>
public static class RankSumTest
{
    /// <summary>Most splits the exact test enumerates (C(20, 10) = 184,756).</summary>
    private const long MaxSplits = 200_000;

    /// <summary>
    /// U of <paramref name="first"/> (pairs where a first value exceeds a second, ties count ½) and the two-sided p-value:
    /// the share of splits whose rank sum is at least as far from its mean as the observed one.
    /// </summary>
    public static (double U, double P) Compare(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        int m = first.Count, n = second.Count;
        if (m == 0 || n == 0) throw new ArgumentException($"Both samples need at least one value; got {m} and {n}.");
        if (first.Concat(second).Any(v => !double.IsFinite(v))) throw new ArgumentException("The samples must hold finite numbers.");
        if (Binomial(m + n, m) > MaxSplits) throw new ArgumentException($"Samples of {m} and {n} have more than {MaxSplits:N0} splits; the exact test is for small samples.");
        var ranks = MidRanks([.. first, .. second]);
        double observed = ranks.Take(m).Sum(), mean = m * (m + n + 1) / 2.0;
        double distance = Math.Abs(observed - mean) - 1e-9;
        long extreme = 0, total = 0;
        foreach (double sum in SubsetSums(ranks, m, 0))
        {
            total++;
            if (Math.Abs(sum - mean) >= distance) extreme++;
        }
        return (observed - m * (m + 1) / 2.0, (double)extreme / total);
    }

    /// <summary>The rank (1-based, ties get the mean of their ranks) of each value.</summary>
    private static double[] MidRanks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && values[order[j + 1]] == values[order[i]]) j++;
            for (int k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2.0 + 1;
            i = j + 1;
        }
        return ranks;
    }

    /// <summary>The sum of every <paramref name="count"/>-element subset of ranks[from..].</summary>
    private static IEnumerable<double> SubsetSums(double[] ranks, int count, int from)
    {
        if (count == 0)
        {
            yield return 0;
            yield break;
        }
        for (int i = from; i <= ranks.Length - count; i++)
        {
            foreach (double rest in SubsetSums(ranks, count - 1, i + 1))
                yield return ranks[i] + rest;
        }
    }

    private static double Binomial(int n, int k)
    {
        double c = 1;
        for (int i = 1; i <= k; i++) c = c * (n - k + i) / i;
        return c;
    }
}
