using RlFramework.Runner.Experiments.EProp;

namespace RlFramework.Runner.Tests.Experiments.EProp;

public class RankSumTestTests
{
    [Fact]
    public void Exact_p_values_match_the_counted_rank_sum_distribution()
    {
        // Complete separation: 2 of the C(10, 5) = 252 splits are as extreme (both tails).
        var (u, p) = RankSumTest.Compare([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
        Assert.Equal((0.0, 2.0 / 252), (u, p));
        // 3 against 3, separated: 2 of 20 (scipy.stats.mannwhitneyu(method="exact") gives 0.1).
        Assert.Equal(0.1, RankSumTest.Compare([4, 5, 6], [1, 2, 3]).P, 12);
        Assert.Equal(9.0, RankSumTest.Compare([4, 5, 6], [1, 2, 3]).U);
        // Identical samples: every split is at least as extreme.
        Assert.Equal((12.5, 1.0), RankSumTest.Compare([7, 7, 7, 7, 7], [7, 7, 7, 7, 7]));
        // U = 3: 7 of the 252 splits have U ≤ 3, twice that two-sided = 14 / 252 (scipy's exact test: 0.0556).
        var forward = RankSumTest.Compare([1, 2, 3, 5, 7], [4, 6, 8, 9, 10]);
        var backward = RankSumTest.Compare([4, 6, 8, 9, 10], [1, 2, 3, 5, 7]);
        Assert.Equal((3.0, 14.0 / 252), (forward.U, forward.P));
        Assert.Equal(forward.P, backward.P, 12);
        Assert.Equal(25.0, forward.U + backward.U);
    }

    [Fact]
    public void Bad_samples_are_named()
    {
        Assert.Contains("at least one value", Assert.Throws<ArgumentException>(() => RankSumTest.Compare([], [1.0])).Message);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => RankSumTest.Compare([double.NaN], [1.0])).Message);
        Assert.Contains("small samples", Assert.Throws<ArgumentException>(() => RankSumTest.Compare(new double[15], new double[15])).Message);
    }
}
