using RlFramework.Models;

namespace RlFramework.Models.Tests;

/// <summary>Central finite-difference gradient check of L = Σ f(x)·u with a random upstream u.</summary>
internal static class GradCheck
{
    /// <summary>
    /// Compares autograd gradients with central differences (step eps, evaluated in float32 with the loss
    /// accumulated in double). Tolerance: atol + rtol·|analytic|.
    /// </summary>
    public static void Check(string name, Func<Tensor[], Tensor> f, Tensor[] inputs, double eps = 1e-2, double atol = 3e-3, double rtol = 2e-2, int seed = 7)
    {
        foreach (var x in inputs) x.grad = null;
        var y = f(inputs);
        var up = torch.randn(y.shape, new Generator(seed));
        var upv = up.ToArray();
        (y * up).sum().backward();
        double Loss()
        {
            using var _ = torch.no_grad();
            var v = f(inputs).ToArray();
            double s = 0;
            for (int i = 0; i < v.Length; i++) s += (double)v[i] * upv[i];
            return s;
        }
        for (int k = 0; k < inputs.Length; k++)
        {
            var x = inputs[k];
            if (!x.requires_grad) continue;
            Assert.True(x.grad is not null, $"{name}: input {k} received no gradient");
            var g = x.grad!.ToArray();
            var d = x.data<float>();
            for (int i = 0; i < d.Length; i++)
            {
                float orig = d[i];
                d[i] = orig + (float)eps;
                double lp = Loss();
                d[i] = orig - (float)eps;
                double lm = Loss();
                d[i] = orig;
                double num = (lp - lm) / (2 * eps);
                double tol = atol + rtol * Math.Abs(g[i]);
                if (!(Math.Abs(num - g[i]) <= tol))
                    Assert.Fail($"{name}: input {k} element {i}: autograd {g[i]:G6} vs finite difference {num:G6} (tolerance {tol:G3})");
            }
        }
    }

    /// <summary>Random tensor requiring grad, with values kept at least <paramref name="margin"/> away from 0 (kinks of relu/abs).</summary>
    public static Tensor Rand(Generator g, long[] shape, double margin = 0.05, double scale = 1.0, bool positive = false)
    {
        var t = torch.randn(shape, g);
        var s = t.data<float>();
        for (int i = 0; i < s.Length; i++)
        {
            float v = s[i] * (float)scale;
            if (positive) v = MathF.Abs(v) + 0.5f;
            else if (MathF.Abs(v) < margin) v = v < 0 ? v - (float)margin : v + (float)margin;
            s[i] = v;
        }
        return t.requires_grad_();
    }
}
