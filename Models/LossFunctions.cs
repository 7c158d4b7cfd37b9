namespace RlFramework.Models;

/// <summary>Fused loss kernels with their backward passes (exposed through <c>torch.nn.functional</c>).</summary>
internal static class LossFunctions
{
    private static void CheckSame(Tensor input, Tensor target, string op)
    {
        if (!input._shape.AsSpan().SequenceEqual(target._shape))
            throw new ArgumentException($"{op}: input shape {input.ShapeStr} and target shape {target.ShapeStr} differ");
    }

    private delegate float PointLoss(float x, float y, float p, out float dx);

    // Elementwise loss l(x, y) with derivative dl/dx, reduced; the target gets -dl/dx where it needs grad (mse/smooth-l1 are functions of x - y).
    private static unsafe Tensor Pointwise(string name, Tensor input, Tensor target, Reduction reduction, float p, PointLoss f, bool targetGradIsNeg)
    {
        CheckSame(input, target, name);
        var x = input.Span;
        var y = target.Span;
        int n = x.Length;
        Tensor r = reduction == Reduction.None ? Tensor.Empty(input._shape) : Tensor.Empty([]);
        var dx = Kernels.BufferPool.Rent(n, false);
        var rs = r.Span;
        double acc = 0;
        for (int i = 0; i < n; i++)
        {
            float l = f(x[i], y[i], p, out dx[i]);
            if (reduction == Reduction.None) rs[i] = l; else acc += l;
        }
        if (reduction != Reduction.None) rs[0] = (float)(reduction == Reduction.Mean ? acc / n : acc);
        if (Tensor.Tracking(input, target))
        {
            var node = r.RecordFast(name, &PointwiseBackward, 2);
            node.SetInput(0, input);
            node.SetInput(1, target);
            node.Buf0 = dx; // returned to the pool when the node is released
            node.Kind = (int)reduction;
            node.F0 = reduction == Reduction.Mean ? 1f / n : 1f;
            node.I0 = targetGradIsNeg ? 1 : 0;
        }
        else
        {
            Kernels.BufferPool.Return(dx);
        }

        return r.Checked(name);
    }

    private static void PointwiseBackward(Autograd.GradNode node, float[] g)
    {
        var gi = node.Input(0).GradSpan();
        var gt = node.I0 != 0 ? node.Input(1).GradSpan() : default;
        var dx = node.Buf0!;
        int n = node.Input(0)._numel;
        bool none = (Reduction)node.Kind == Reduction.None;
        float g0 = none ? 0f : g[0] * node.F0;
        for (int i = 0; i < n; i++)
        {
            float gg = (none ? g[i] : g0) * dx[i];
            if (!gi.IsEmpty) gi[i] += gg;
            if (!gt.IsEmpty) gt[i] -= gg;
        }
    }

    private static float Mse(float x, float y, float p, out float dx)
    {
        float d = x - y;
        dx = 2f * d;
        return d * d;
    }

    // PyTorch smooth_l1 (beta) : 0.5 d²/beta if |d| < beta else |d| - 0.5 beta.
    private static float SmoothL1(float x, float y, float beta, out float dx)
    {
        float d = x - y, a = MathF.Abs(d);
        if (a < beta) { dx = d / beta; return 0.5f * d * d / beta; }
        dx = MathF.Sign(d);
        return a - 0.5f * beta;
    }

    // PyTorch huber (delta): 0.5 d² if |d| < delta else delta (|d| - 0.5 delta).
    private static float Huber(float x, float y, float delta, out float dx)
    {
        float d = x - y, a = MathF.Abs(d);
        if (a < delta) { dx = d; return 0.5f * d * d; }
        dx = delta * MathF.Sign(d);
        return delta * (a - 0.5f * delta);
    }

    // PyTorch BCE on probabilities: -(y log x + (1-y) log(1-x)), each log clamped at >= -100.
    private static float Bce(float x, float y, float p, out float dx)
    {
        float lx = MathF.Max(MathF.Log(x), -100f), l1x = MathF.Max(MathF.Log(1f - x), -100f);
        // PyTorch's backward: (x - y) / max((1 - x) x, eps) with eps = 1e-12.
        dx = (x - y) / MathF.Max((1f - x) * x, 1e-12f);
        return -(y * lx + (1f - y) * l1x);
    }

    private static float BceLogits(float x, float y, float p, out float dx)
    {
        // max(x,0) - x y + log(1 + e^{-|x|});  d/dx = sigmoid(x) - y
        float s = 1f / (1f + MathF.Exp(-x));
        dx = s - y;
        return MathF.Max(x, 0f) - x * y + MathF.Log(1f + MathF.Exp(-MathF.Abs(x)));
    }

    public static Tensor MseLoss(Tensor input, Tensor target, Reduction reduction) => Pointwise("mse_loss", input, target, reduction, 0f, Mse, true);

    public static Tensor SmoothL1Loss(Tensor input, Tensor target, Reduction reduction, double beta)
    {
        if (beta <= 0) return Pointwise("l1_loss", input, target, reduction, 0f, (float x, float y, float p, out float dx) => { dx = MathF.Sign(x - y); return MathF.Abs(x - y); }, true);
        return Pointwise("smooth_l1_loss", input, target, reduction, (float)beta, SmoothL1, true);
    }

    public static Tensor HuberLoss(Tensor input, Tensor target, Reduction reduction, double delta) =>
        Pointwise("huber_loss", input, target, reduction, (float)delta, Huber, true);

    public static Tensor BinaryCrossEntropy(Tensor input, Tensor target, Tensor? weight, Reduction reduction)
    {
        foreach (var v in input.Span)
            if (!(v >= 0f && v <= 1f)) throw new ArgumentException($"binary_cross_entropy: input values must be probabilities in [0, 1], found {v}");
        if (weight is null) return Pointwise("binary_cross_entropy", input, target, reduction, 0f, Bce, false);
        var l = Pointwise("binary_cross_entropy", input, target, Reduction.None, 0f, Bce, false) * weight;
        return Reduce(l, reduction);
    }

    public static Tensor BinaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor? weight, Reduction reduction)
    {
        if (weight is null) return Pointwise("binary_cross_entropy_with_logits", input, target, reduction, 0f, BceLogits, false);
        var l = Pointwise("binary_cross_entropy_with_logits", input, target, Reduction.None, 0f, BceLogits, false) * weight;
        return Reduce(l, reduction);
    }

    private static Tensor Reduce(Tensor l, Reduction reduction) => reduction switch
    {
        Reduction.None => l,
        Reduction.Sum => l.sum(),
        _ => l.mean(),
    };

    /// <summary>NLL on log-probabilities [N, C] (or [C]) with class indices [N]; optional class weights; mean is weighted as PyTorch.</summary>
    public static unsafe Tensor NllLoss(Tensor input, Tensor target, Tensor? weight, Reduction reduction, long ignoreIndex = -100)
    {
        bool single = input._shape.Length == 1;
        if (input._shape.Length != 2 && !single)
            throw new ArgumentException($"nll_loss: input must be [N, C] or [C], got shape {input.ShapeStr}");
        int n = single ? 1 : input._shape[0], c = input._shape[^1];
        if (target._numel != n || (!single && target._shape.Length != 1))
            throw new ArgumentException($"nll_loss: target shape {target.ShapeStr} does not match input shape {input.ShapeStr}");
        if (weight is not null && (weight._shape.Length != 1 || weight._shape[0] != c))
            throw new ArgumentException($"nll_loss: weight shape {weight.ShapeStr} does not match {c} classes of input shape {input.ShapeStr}");
        var x = input.Span;
        var t = target.Span;
        var w = weight is null ? default : weight.Span;
        // Per-sample class (-1 when ignored) and weight, in pooled buffers kept for backward.
        var cls = Kernels.BufferPool.Rent(n, false);
        var wi = Kernels.BufferPool.Rent(n, false);
        float wsum = 0f;
        Tensor r = reduction == Reduction.None ? Tensor.Empty(single ? [] : [n]) : Tensor.Empty([]);
        var rs = r.Span;
        float total = 0f;
        for (int i = 0; i < n; i++)
        {
            if ((long)t[i] == ignoreIndex) { cls[i] = -1; wi[i] = 0f; if (reduction == Reduction.None) rs[i] = 0f; continue; }
            int k = Tensor.Index(t[i], c, "nll_loss");
            cls[i] = k;
            wi[i] = weight is null ? 1f : w[k];
            float l = -wi[i] * x[i * c + k];
            wsum += wi[i];
            if (reduction == Reduction.None) rs[i] = l; else total += l;
        }
        if (reduction == Reduction.Mean) rs[0] = total / wsum;
        else if (reduction == Reduction.Sum) rs[0] = total;
        if (Tensor.Tracking(input))
        {
            var node = r.RecordFast("nll_loss", &NllBackward, 1);
            node.SetInput(0, input);
            node.Buf0 = cls; // both returned to the pool when the node is released
            node.Buf1 = wi;
            node.Kind = (int)reduction;
            node.F0 = wsum;
            (node.I0, node.I1) = (n, c);
        }
        else
        {
            Kernels.BufferPool.Return(cls);
            Kernels.BufferPool.Return(wi);
        }
        return r.Checked("nll_loss");
    }

    private static void NllBackward(Autograd.GradNode node, float[] g)
    {
        var gi = node.Input(0).GradSpan();
        if (gi.IsEmpty) return;
        var cls = node.Buf0!;
        var wi = node.Buf1!;
        var reduction = (Reduction)node.Kind;
        int n = node.I0, c = node.I1;
        for (int i = 0; i < n; i++)
        {
            if (cls[i] < 0) continue;
            float gg = reduction == Reduction.None ? g[i] : reduction == Reduction.Mean ? g[0] / node.F0 : g[0];
            gi[i * c + (int)cls[i]] -= wi[i] * gg;
        }
    }

    public static Tensor CrossEntropy(Tensor input, Tensor target, Tensor? weight, Reduction reduction, long ignoreIndex = -100) =>
        NllLoss(input.log_softmax(-1), target, weight, reduction, ignoreIndex);
}
