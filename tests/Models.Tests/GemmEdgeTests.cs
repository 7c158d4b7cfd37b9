using FsCheck;
using FsCheck.Xunit;
using RlFramework.Models.Kernels;

namespace RlFramework.Models.Tests;

/// <summary>
/// Every edge path of the GEMM (row counts 1..6 of the micro-kernel, 8- and 16-wide column panels with masked
/// tails, dot products for thin outputs and matrix-vector products, the transposed thin path, the bias epilogue)
/// against a double-precision reference.
/// </summary>
public class GemmEdgeTests
{
    private static readonly int[] Ks = [1, 3, 4, 8, 9, 17, 40];

    [Fact]
    public void AllSmallShapesMatchDoubleReference()
    {
        const int max = 40;
        var g = new Generator(7);
        var a = new float[max * 40];
        var b = new float[40 * max];
        var c0 = new float[max * max];
        var bias = new float[max];
        var c = new float[max * max];
        g.FillNormal(a, 0, 1);
        g.FillNormal(b, 0, 1);
        g.FillNormal(c0, 0, 1);
        g.FillNormal(bias, 0, 1);
        int failures = 0;
        string first = "";
        for (int m = 1; m <= max; m++)
        {
            for (int n = 1; n <= max; n++)
            {
                foreach (int k in Ks)
                {
                    for (int flags = 0; flags < 8; flags++)
                    {
                        bool ta = (flags & 1) != 0, tb = (flags & 2) != 0, acc = (flags & 4) != 0;
                        c0.AsSpan(0, m * n).CopyTo(c);
                        // Without accumulate the bias epilogue is covered too, with the ReLU clamp on every other shape.
                        bool relu = !acc && ((m + n + k) & 1) == 0;
                        if (acc) Gemm.Mul(m, n, k, a, ta ? m : k, ta, b, tb ? k : n, tb, c, n, true);
                        else Gemm.MulAddBias(m, n, k, a, ta ? m : k, ta, b, tb ? k : n, tb, c, n, bias, relu);
                        if (!Matches(m, n, k, ta, tb, acc, a, b, c0, acc ? null : bias, relu, c) && failures++ == 0)
                            first = $"m={m} n={n} k={k} transA={ta} transB={tb} accumulate={acc} relu={relu}";
                    }
                }
            }
        }

        Assert.True(failures == 0, $"{failures} shapes differ from the reference, first: {first}");
    }

    // C must equal (acc ? C0 : 0) + op(A)·op(B) (+ bias) (clamped at 0 when relu) within float rounding of the summed magnitudes.
    internal static bool Matches(int m, int n, int k, bool ta, bool tb, bool acc, float[] a, float[] b, float[] c0, float[]? bias, bool relu, float[] c)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = acc ? c0[i * n + j] : 0, mag = Math.Abs(s);
                for (int p = 0; p < k; p++)
                {
                    double av = ta ? a[p * m + i] : a[i * k + p];
                    double bv = tb ? b[j * k + p] : b[p * n + j];
                    s += av * bv;
                    mag += Math.Abs(av * bv);
                }
                if (bias is not null) { s += bias[j]; mag += Math.Abs(bias[j]); }
                if (relu) s = Math.Max(s, 0);
                if (Math.Abs(s - c[i * n + j]) > 1e-6 * mag + 1e-6) return false;
            }
        }

        return true;
    }

    // The fused bias is added after the product, exactly as a separate pass would: bit-identical for every path,
    // including several K blocks, packed panels and the column split across threads.
    [Property(MaxTest = 40)]
    public bool BiasEpilogueEqualsProductThenAdd(PositiveInt mi, PositiveInt ni, PositiveInt ki, bool ta, bool tb, bool parallel)
    {
        int m = mi.Get % 150 + 1, n = ni.Get % 200 + 1, k = ki.Get % 600 + 1;
        var g = new Generator(m * 7919 + n * 31 + k);
        var a = new float[m * k];
        var b = new float[k * n];
        var bias = new float[n];
        g.FillNormal(a, 0, 1);
        g.FillNormal(b, 0, 1);
        g.FillNormal(bias, 0, 1);
        var fused = new float[m * n];
        var separate = new float[m * n];
        long savedThreshold = Gemm.ParallelThreshold;
        using var budget = torch.thread_budget(parallel ? 2 : 1);
        try
        {
            if (parallel) Gemm.ParallelThreshold = 1;
            Gemm.MulAddBias(m, n, k, a, ta ? m : k, ta, b, tb ? k : n, tb, fused, n, bias);
            Gemm.Mul(m, n, k, a, ta ? m : k, ta, b, tb ? k : n, tb, separate, n, false);
        }
        finally
        {
            Gemm.ParallelThreshold = savedThreshold;
        }
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) separate[i * n + j] += bias[j];
        return fused.AsSpan().SequenceEqual(separate);
    }

    [Fact]
    public void BiasShorterThanTheColumnsIsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => Gemm.MulAddBias(2, 3, 1, new float[2], 1, false, new float[3], 3, false, new float[6], 3, new float[2]));
        Assert.Contains("2 values, expected at least 3", ex.Message);
    }
}
