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
}
