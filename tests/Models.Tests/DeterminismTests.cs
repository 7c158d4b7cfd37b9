using FsCheck;
using FsCheck.Xunit;
using RlFramework.Models;

namespace RlFramework.Models.Tests;

public class DeterminismTests
{
    private static float[] Train(long seed, int threads)
    {
        long savedThreshold = Kernels.Gemm.ParallelThreshold;
        using var budget = torch.thread_budget(threads);
        try
        {
            Kernels.Gemm.ParallelThreshold = 1; // force the parallel path for every product
            torch.manual_seed(seed);
            var m = torch.nn.Sequential(torch.nn.Linear(4, 64), torch.nn.ReLU(), torch.nn.Linear(64, 48), torch.nn.ReLU(), torch.nn.Linear(48, 2));
            var opt = torch.optim.Adam(m.parameters(), 1e-3);
            var g = new Generator(seed + 1);
            for (int i = 0; i < 20; i++)
            {
                var x = torch.randn([32, 4], g);
                var y = torch.randn([32, 2], g);
                opt.zero_grad();
                torch.nn.functional.smooth_l1_loss(m.forward(x), y).backward();
                torch.nn.utils.clip_grad_norm_(m.parameters(), 1.0);
                opt.step();
            }
            return m.parameters().SelectMany(p => p.ToArray()).ToArray();
        }
        finally
        {
            Kernels.Gemm.ParallelThreshold = savedThreshold;
        }
    }

    [Fact]
    public void SameSeedGivesBitIdenticalTrainingSingleAndMultiThreaded()
    {
        var a = Train(42, 1);
        var b = Train(42, 1);
        var c = Train(42, 2);
        Assert.Equal(a, b);
        Assert.Equal(a, c);
        Assert.NotEqual(a, Train(43, 1));
    }

    [Property(MaxTest = 60)]
    public bool GemmMatchesDoubleReference(PositiveInt mi, PositiveInt ni, PositiveInt ki, bool ta, bool tb, bool acc) =>
        GemmCheck(mi.Get % 40 + 1, ni.Get % 50 + 1, ki.Get % 300 + 1, ta, tb, acc);

    // Sizes large enough to take the packed-panel paths (m·k > 16384, k·n > 65536) and several K blocks.
    [Property(MaxTest = 12)]
    public bool PackedGemmMatchesDoubleReference(PositiveInt mi, PositiveInt ni, PositiveInt ki, bool ta, bool tb, bool acc) =>
        GemmCheck(mi.Get % 90 + 60, ni.Get % 150 + 120, ki.Get % 300 + 560, ta, tb, acc);

    private static bool GemmCheck(int m, int n, int k, bool ta, bool tb, bool acc)
    {
        var g = new Generator(m * 1000 + n * 10 + k);
        var a = new float[m * k];
        var b = new float[k * n];
        var c = new float[m * n];
        g.FillNormal(a, 0, 1);
        g.FillNormal(b, 0, 1);
        g.FillNormal(c, 0, 1);
        var c0 = (float[])c.Clone();
        Kernels.Gemm.Mul(m, n, k, a, ta ? m : k, ta, b, tb ? k : n, tb, c, n, acc);
        return GemmEdgeTests.Matches(m, n, k, ta, tb, acc, a, b, c0, null, false, c);
    }

    [Fact]
    public void LargeGemmIsIdenticalAcrossThreadCounts()
    {
        int n = 300;
        var g = new Generator(1);
        var a = new float[n * n];
        var b = new float[n * n];
        g.FillNormal(a, 0, 1);
        g.FillNormal(b, 0, 1);
        var c1 = new float[n * n];
        var c2 = new float[n * n];
        using (torch.thread_budget(1)) Kernels.Gemm.Mul(n, n, n, a, n, false, b, n, false, c1, n, false);
        using (torch.thread_budget(2)) Kernels.Gemm.Mul(n, n, n, a, n, false, b, n, false, c2, n, false);
        Assert.Equal(c1, c2);
    }
}
