using RlFramework.Models;
using F = RlFramework.Models.torch.nn.functional;

namespace RlFramework.Models.Tests.Conv;

/// <summary>Conv2d at the ASI dynamics model's frame sizes against a double-precision direct convolution:
/// output, input gradient, weight gradient and bias gradient of sum(y · upstream).</summary>
public class Conv2dOracleTests
{
    [Theory]
    [InlineData(8, 8, 126, 75, 7, 3, 1)] // Funnel Board frame, the 7×7 layer
    [InlineData(3, 8, 64, 64, 5, 2, 1)] // Room Runner frame, the first layer
    [InlineData(11, 8, 126, 75, 1, 0, 1)] // the 1×1 mix layer
    [InlineData(8, 3, 126, 75, 1, 0, 1)] // the 1×1 output layer
    [InlineData(6, 13, 17, 23, 3, 2, 2)] // dilated, padding below d·(k−1)
    [InlineData(32, 32, 21, 37, 5, 2, 1)] // the paper's n = 32 (tiles of 6, 6, 6, 6, 4, 4 output channels)
    public void MatchesDirectConvolution(int c, int o, int h, int w, int k, int pad, int dil)
    {
        var rng = new Random(c * 1000 + o * 100 + k);
        float[] Rand(int len) { var a = new float[len]; for (int i = 0; i < len; i++) a[i] = (float)(rng.NextDouble() * 2 - 1); return a; }
        float[] xs = Rand(c * h * w), ws = Rand(o * c * k * k), bs = Rand(o);
        int oh = h + 2 * pad - dil * (k - 1), ow = w + 2 * pad - dil * (k - 1);
        float[] us = Rand(o * oh * ow);
        var x = torch.tensor(xs, [1, c, h, w], requires_grad: true);
        var wt = torch.tensor(ws, [o, c, k, k], requires_grad: true);
        var b = torch.tensor(bs, [o], requires_grad: true);
        var y = F.conv2d(x, wt, b, 1, pad, dil);
        (y * torch.tensor(us, [1, o, oh, ow])).sum().backward();

        var ey = new double[o * oh * ow];
        var egx = new double[c * h * w];
        var egw = new double[o * c * k * k];
        var egb = new double[o];
        for (int oo = 0; oo < o; oo++)
        {
            for (int i = 0; i < oh; i++)
            {
                for (int j = 0; j < ow; j++)
                {
                    int yi = (oo * oh + i) * ow + j;
                    double acc = bs[oo], u = us[yi];
                    egb[oo] += u;
                    for (int cc = 0; cc < c; cc++)
                    {
                        for (int ki = 0; ki < k; ki++)
                        {
                            int ih = i - pad + ki * dil;
                            if (ih < 0 || ih >= h) continue;
                            for (int kj = 0; kj < k; kj++)
                            {
                                int iw = j - pad + kj * dil;
                                if (iw < 0 || iw >= w) continue;
                                int xi = (cc * h + ih) * w + iw, wi = ((oo * c + cc) * k + ki) * k + kj;
                                acc += (double)ws[wi] * xs[xi];
                                egx[xi] += ws[wi] * u;
                                egw[wi] += xs[xi] * u;
                            }
                        }
                    }

                    ey[yi] = acc;
                }
            }
        }

        AssertClose(ey, y.data<float>().ToArray(), "output");
        AssertClose(egx, x.grad!.data<float>().ToArray(), "input grad");
        AssertClose(egw, wt.grad!.data<float>().ToArray(), "weight grad");
        AssertClose(egb, b.grad!.data<float>().ToArray(), "bias grad");
    }

    [Fact]
    public void SameInputsGiveBitIdenticalResults()
    {
        float[] Run()
        {
            var g = new Generator(5);
            var x = torch.rand([1, 8, 126, 75], generator: g).requires_grad_();
            var w = torch.rand([8, 8, 7, 7], generator: g).requires_grad_();
            F.conv2d(x, w, null, 1, 3, 1).square().sum().backward();
            return [.. x.grad!.data<float>().ToArray(), .. w.grad!.data<float>().ToArray()];
        }
        Assert.Equal(Run(), Run());
    }

    private static void AssertClose(double[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(expected[i] - actual[i]) > 1e-5 * scale + 1e-5 * Math.Abs(expected[i]))
                Assert.Fail($"{what}[{i}]: expected {expected[i]}, got {actual[i]} (scale {scale})");
        }
    }
}
