using FsCheck.Xunit;
using RlFramework.Models.Routing;

namespace RlFramework.Models.Tests.Routing;

public class SimplexTests
{
    [Property(MaxTest = 200)]
    public bool ProjectionIsADistributionAndIdempotent(int first, int[] rest)
    {
        var values = rest.Prepend(first).Select(i => (i % 3000) / 1000f).ToArray();
        Simplex.Project(values);
        var again = (float[])values.Clone();
        Simplex.Project(again);
        return values.All(p => p >= 0) && Math.Abs(values.Sum() - 1) < 1e-4 && values.Zip(again).All(p => Math.Abs(p.First - p.Second) < 1e-5);
    }

    [Fact]
    public void ProjectionShiftsByACommonThreshold()
    {
        float[] values = [0.6f, 0.6f, -1f];
        Simplex.Project(values);
        Assert.Equal([0.5f, 0.5f, 0f], values);
    }

    [Fact]
    public void DoubleProjectionMatchesAHandComputedCase()
    {
        // v = (1.2, 0.4, −0.3, 0.1): the largest two are kept, τ = (1.2 + 0.4 − 1)/2 = 0.3 → (0.9, 0.1, 0, 0).
        double[] values = [1.2, 0.4, -0.3, 0.1];
        Simplex.Project<double>(values);
        Assert.Equal(0.9, values[0], 12);
        Assert.Equal(0.1, values[1], 12);
        Assert.Equal([0.0, 0.0], values[2..]);
    }

    [Property(MaxTest = 200)]
    public bool DoubleProjectionIsNoFartherThanAnyOtherDistribution(int first, int[] rest, int[] other)
    {
        var v = rest.Prepend(first).Select(i => (i % 5000) / 1000.0).ToArray();
        var p = (double[])v.Clone();
        Simplex.Project<double>(p);
        // Any other point of the simplex: a normalised positive vector of v's length.
        var q = v.Select((_, i) => 1.0 + Math.Abs(other.Length == 0 ? 0 : other[i % other.Length] % 100)).ToArray();
        double total = q.Sum();
        for (int i = 0; i < q.Length; i++) q[i] /= total;
        double Distance(double[] x) => x.Zip(v).Sum(pair => (pair.First - pair.Second) * (pair.First - pair.Second));
        return p.All(x => x >= 0) && Math.Abs(p.Sum() - 1) < 1e-12 && Distance(p) <= Distance(q) + 1e-12;
    }
}
