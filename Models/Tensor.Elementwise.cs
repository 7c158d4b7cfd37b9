using System.Numerics.Tensors;
using RlFramework.Models.Kernels;

namespace RlFramework.Models;

public partial class Tensor
{
    internal enum BinOp { Add, Sub, Mul, Div }

    internal enum UnOp { Neg, Exp, Log, Sqrt, Abs, Tanh, Sigmoid, Relu, LeakyRelu, Pow, Clamp, AddScalar, MulScalar, RSubScalar, RDivScalar }

    // ---------------------------------------------------------------- broadcasting helpers

    internal static int[] BroadcastShape(int[] a, int[] b, string op)
    {
        if (a.AsSpan().SequenceEqual(b)) return a;
        int rank = Math.Max(a.Length, b.Length);
        var r = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            int db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"{op}: shapes {ShapeString(a)} and {ShapeString(b)} cannot be broadcast together (dimension {i}: {da} vs {db})");
            r[i] = da == 1 ? db : da;
        }
        return r;
    }

    /// <summary>Strides of a tensor of shape <paramref name="s"/> broadcast to <paramref name="o"/> (0 on broadcast dims).</summary>
    internal static int[] BroadcastStrides(int[] s, int[] o)
    {
        var st = new int[o.Length];
        int stride = 1;
        for (int i = o.Length - 1; i >= 0; i--)
        {
            int j = i - (o.Length - s.Length);
            int d = j >= 0 ? s[j] : 1;
            st[i] = d == 1 ? 0 : stride;
            stride *= d;
        }
        return st;
    }

    // True when `s` (leading ones removed) is a suffix of `o`: the small tensor repeats every numel(s) elements.
    private static bool IsSuffix(int[] s, int[] o)
    {
        int k = 0;
        while (k < s.Length && s[k] == 1) k++;
        int len = s.Length - k;
        if (len > o.Length) return false;
        for (int i = 0; i < len; i++) if (s[k + i] != o[o.Length - len + i]) return false;
        return true;
    }

    private static void ApplySame(BinOp op, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d)
    {
        switch (op)
        {
            case BinOp.Add: TensorPrimitives.Add(x, y, d); break;
            case BinOp.Sub: TensorPrimitives.Subtract(x, y, d); break;
            case BinOp.Mul: TensorPrimitives.Multiply(x, y, d); break;
            default: TensorPrimitives.Divide(x, y, d); break;
        }
    }

    private static void ApplyScalarY(BinOp op, ReadOnlySpan<float> x, float y, Span<float> d)
    {
        switch (op)
        {
            case BinOp.Add: TensorPrimitives.Add(x, y, d); break;
            case BinOp.Sub: TensorPrimitives.Subtract(x, y, d); break;
            case BinOp.Mul: TensorPrimitives.Multiply(x, y, d); break;
            default: TensorPrimitives.Divide(x, y, d); break;
        }
    }

    private static void ApplyScalarX(BinOp op, float x, ReadOnlySpan<float> y, Span<float> d)
    {
        switch (op)
        {
            case BinOp.Add: TensorPrimitives.Add(y, x, d); break;
            case BinOp.Sub: TensorPrimitives.Subtract(x, y, d); break;
            case BinOp.Mul: TensorPrimitives.Multiply(y, x, d); break;
            default: TensorPrimitives.Divide(x, y, d); break;
        }
    }

    private static float ApplyOne(BinOp op, float x, float y) => op switch
    {
        BinOp.Add => x + y,
        BinOp.Sub => x - y,
        BinOp.Mul => x * y,
        _ => x / y,
    };

    /// <summary>d[outShape] = x[xs] op y[ys] with broadcasting.</summary>
    internal static void BroadcastKernel(BinOp op, ReadOnlySpan<float> x, int[] xs, ReadOnlySpan<float> y, int[] ys, Span<float> d, int[] ds)
    {
        int n = d.Length;
        if (x.Length == n && y.Length == n) { ApplySame(op, x, y, d); return; }
        if (y.Length == 1 && x.Length == n) { ApplyScalarY(op, x, y[0], d); return; }
        if (x.Length == 1 && y.Length == n) { ApplyScalarX(op, x[0], y, d); return; }
        if (x.Length == n && IsSuffix(ys, ds))
        {
            int m = y.Length;
            for (int r = 0; r < n; r += m) ApplySame(op, x.Slice(r, m), y, d.Slice(r, m));
            return;
        }
        if (y.Length == n && IsSuffix(xs, ds))
        {
            int m = x.Length;
            for (int r = 0; r < n; r += m) ApplySame(op, x, y.Slice(r, m), d.Slice(r, m));
            return;
        }
        var sx = BroadcastStrides(xs, ds);
        var sy = BroadcastStrides(ys, ds);
        int rank = ds.Length;
        Span<int> idx = stackalloc int[rank];
        idx.Clear();
        int ox = 0, oy = 0;
        for (int i = 0; i < n; i++)
        {
            d[i] = ApplyOne(op, x[ox], y[oy]);
            for (int k = rank - 1; k >= 0; k--)
            {
                idx[k]++;
                ox += sx[k]; oy += sy[k];
                if (idx[k] < ds[k]) break;
                ox -= sx[k] * ds[k]; oy -= sy[k] * ds[k];
                idx[k] = 0;
            }
        }
    }

    /// <summary>dst[shape s] += sum of g[outShape] over the broadcast dimensions.</summary>
    internal static void ReduceInto(ReadOnlySpan<float> g, int[] o, int[] s, Span<float> dst)
    {
        int n = g.Length;
        if (dst.Length == n) { TensorPrimitives.Add(dst, g, dst); return; }
        if (dst.Length == 1) { dst[0] += TensorPrimitives.Sum(g); return; }
        if (IsSuffix(s, o))
        {
            int m = dst.Length;
            for (int r = 0; r < n; r += m) TensorPrimitives.Add(dst, g.Slice(r, m), dst);
            return;
        }
        var st = BroadcastStrides(s, o);
        int rank = o.Length;
        Span<int> idx = stackalloc int[rank];
        idx.Clear();
        int off = 0;
        for (int i = 0; i < n; i++)
        {
            dst[off] += g[i];
            for (int k = rank - 1; k >= 0; k--)
            {
                idx[k]++;
                off += st[k];
                if (idx[k] < o[k]) break;
                off -= st[k] * o[k];
                idx[k] = 0;
            }
        }
    }

    // ---------------------------------------------------------------- binary ops

    internal static unsafe Tensor Binary(BinOp op, Tensor a, Tensor b)
    {
        string name = op switch { BinOp.Add => "add", BinOp.Sub => "sub", BinOp.Mul => "mul", _ => "div" };
        var shape = BroadcastShape(a._shape, b._shape, name);
        var r = Empty(shape);
        BroadcastKernel(op, a.Span, a._shape, b.Span, b._shape, r.Span, r._shape);
        if (Tracking(a, b))
        {
            var node = r.RecordFast(name, &BinaryBackward, 2);
            node.SetInput(0, a);
            node.SetInput(1, b);
            node.Kind = (int)op;
        }
        return r.Checked(name);
    }

    private static void BinaryBackward(Autograd.GradNode node, float[] g)
    {
        var a = node.Input(0);
        var b = node.Input(1);
        var r = node.Output!;
        var op = (BinOp)node.Kind;
        {
            var o = r._shape;
            var ga = a.GradSpan();
            var gb = b.GradSpan();
            switch (op)
            {
                case BinOp.Add:
                    if (!ga.IsEmpty) ReduceInto(g, o, a._shape, ga);
                    if (!gb.IsEmpty) ReduceInto(g, o, b._shape, gb);
                    break;
                case BinOp.Sub:
                    if (!ga.IsEmpty) ReduceInto(g, o, a._shape, ga);
                    if (!gb.IsEmpty)
                    {
                        if (gb.Length == g.Length)
                        {
                            TensorPrimitives.Subtract(gb, g, gb);
                        }
                        else { var t = BufferPool.Rent(g.Length, false); TensorPrimitives.Negate(g, t); ReduceInto(t, o, b._shape, gb); BufferPool.Return(t); }
                    }
                    break;
                case BinOp.Mul:
                    if (!ga.IsEmpty) MulReduce(g, o, b, a._shape, ga);
                    if (!gb.IsEmpty) MulReduce(g, o, a, b._shape, gb);
                    break;
                default:
                    if (!ga.IsEmpty)
                    {
                        if (ga.Length == g.Length && b._numel == g.Length) { var bs = b.Span; for (int i = 0; i < ga.Length; i++) ga[i] += g[i] / bs[i]; }
                        else { var t = BufferPool.Rent(g.Length, false); BroadcastKernel(BinOp.Div, g, o, b.Span, b._shape, t, o); ReduceInto(t, o, a._shape, ga); BufferPool.Return(t); }
                    }
                    if (!gb.IsEmpty)
                    {
                        // d(a/b)/db = -(a/b)/b = -out/b
                        var t = BufferPool.Rent(g.Length, false);
                        TensorPrimitives.Multiply(g, r.Span, t);
                        BroadcastKernel(BinOp.Div, t, o, b.Span, b._shape, t, o);
                        TensorPrimitives.Negate(t, t);
                        ReduceInto(t, o, b._shape, gb);
                        BufferPool.Return(t);
                    }
                    break;
            }
        }
    }

    private static void MulReduce(ReadOnlySpan<float> g, int[] o, Tensor other, int[] selfShape, Span<float> dst)
    {
        if (dst.Length == g.Length && other._numel == g.Length) { TensorPrimitives.MultiplyAdd(g, other.Span, dst, dst); return; }
        if (dst.Length == g.Length && other._numel == 1) { TensorPrimitives.MultiplyAdd(g, other.Span[0], dst, dst); return; }
        var buf = BufferPool.Rent(g.Length, false);
        BroadcastKernel(BinOp.Mul, g, o, other.Span, other._shape, buf, o);
        ReduceInto(buf, o, selfShape, dst);
        BufferPool.Return(buf);
    }

    /// <summary>Elementwise sum with broadcasting.</summary>
    public Tensor add(Tensor other) => Binary(BinOp.Add, this, other);

    /// <summary>this + alpha·other with broadcasting.</summary>
    public Tensor add(Tensor other, float alpha) => alpha == 1f ? Binary(BinOp.Add, this, other) : Binary(BinOp.Add, this, other.mul(alpha));

    /// <summary>Elementwise difference with broadcasting.</summary>
    public Tensor sub(Tensor other) => Binary(BinOp.Sub, this, other);

    /// <summary>Elementwise product with broadcasting.</summary>
    public Tensor mul(Tensor other) => Binary(BinOp.Mul, this, other);

    /// <summary>Elementwise quotient with broadcasting.</summary>
    public Tensor div(Tensor other) => Binary(BinOp.Div, this, other);

    /// <summary>Adds a scalar.</summary>
    public Tensor add(float other) => Unary(UnOp.AddScalar, this, other, 0f);

    /// <summary>Subtracts a scalar.</summary>
    public Tensor sub(float other) => Unary(UnOp.AddScalar, this, -other, 0f);

    /// <summary>Multiplies by a scalar.</summary>
    public Tensor mul(float other) => Unary(UnOp.MulScalar, this, other, 0f);

    /// <summary>Divides by a scalar.</summary>
    public Tensor div(float other) => Unary(UnOp.MulScalar, this, 1f / other, 0f);

    /// <summary>Elementwise sum.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);

    /// <summary>Elementwise difference.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);

    /// <summary>Elementwise product.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);

    /// <summary>Elementwise quotient.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);

    /// <summary>Adds a scalar.</summary>
    public static Tensor operator +(Tensor a, float b) => a.add(b);

    /// <summary>Adds a scalar.</summary>
    public static Tensor operator +(float a, Tensor b) => b.add(a);

    /// <summary>Subtracts a scalar.</summary>
    public static Tensor operator -(Tensor a, float b) => a.sub(b);

    /// <summary>Scalar minus tensor.</summary>
    public static Tensor operator -(float a, Tensor b) => Unary(UnOp.RSubScalar, b, a, 0f);

    /// <summary>Multiplies by a scalar.</summary>
    public static Tensor operator *(Tensor a, float b) => a.mul(b);

    /// <summary>Multiplies by a scalar.</summary>
    public static Tensor operator *(float a, Tensor b) => b.mul(a);

    /// <summary>Divides by a scalar.</summary>
    public static Tensor operator /(Tensor a, float b) => a.div(b);

    /// <summary>Scalar divided by tensor.</summary>
    public static Tensor operator /(float a, Tensor b) => Unary(UnOp.RDivScalar, b, a, 0f);

    /// <summary>Negation.</summary>
    public static Tensor operator -(Tensor a) => a.neg();

    // ---------------------------------------------------------------- unary ops

    internal static unsafe Tensor Unary(UnOp op, Tensor a, float p, float q)
    {
        var r = Empty(a._shape);
        var x = a.Span;
        var d = r.Span;
        switch (op)
        {
            case UnOp.Neg: TensorPrimitives.Negate(x, d); break;
            case UnOp.Exp: TensorPrimitives.Exp(x, d); break;
            case UnOp.Log: TensorPrimitives.Log(x, d); break;
            case UnOp.Sqrt: TensorPrimitives.Sqrt(x, d); break;
            case UnOp.Abs: TensorPrimitives.Abs(x, d); break;
            case UnOp.Tanh: TensorPrimitives.Tanh(x, d); break;
            case UnOp.Sigmoid: TensorPrimitives.Sigmoid(x, d); break;
            case UnOp.Relu: TensorPrimitives.Max(x, 0f, d); break;
            case UnOp.LeakyRelu: for (int i = 0; i < x.Length; i++) d[i] = x[i] > 0f ? x[i] : x[i] * p; break;
            case UnOp.Pow:
                if (p == 2f) TensorPrimitives.Multiply(x, x, d);
                else for (int i = 0; i < x.Length; i++) d[i] = MathF.Pow(x[i], p);
                break;
            case UnOp.Clamp: for (int i = 0; i < x.Length; i++) d[i] = MathF.Min(MathF.Max(x[i], p), q); break;
            case UnOp.AddScalar: TensorPrimitives.Add(x, p, d); break;
            case UnOp.MulScalar: TensorPrimitives.Multiply(x, p, d); break;
            case UnOp.RSubScalar: TensorPrimitives.Subtract(p, x, d); break;
            default: TensorPrimitives.Divide(p, x, d); break;
        }
        string name = UnName(op);
        if (Tracking(a))
        {
            var node = r.RecordFast(name, &UnaryBackward, 1);
            node.SetInput(0, a);
            node.Kind = (int)op;
            node.F0 = p;
            node.F1 = q;
        }
        return r.Checked(name);
    }

    private static string UnName(UnOp op) => op switch
    {
        UnOp.Neg => "neg",
        UnOp.Exp => "exp",
        UnOp.Log => "log",
        UnOp.Sqrt => "sqrt",
        UnOp.Abs => "abs",
        UnOp.Tanh => "tanh",
        UnOp.Sigmoid => "sigmoid",
        UnOp.Relu => "relu",
        UnOp.LeakyRelu => "leaky_relu",
        UnOp.Pow => "pow",
        UnOp.Clamp => "clamp",
        UnOp.AddScalar => "add",
        UnOp.MulScalar => "mul",
        UnOp.RSubScalar => "rsub",
        _ => "rdiv",
    };

    private static void UnaryBackward(Autograd.GradNode node, float[] g)
    {
        var a = node.Input(0);
        var r = node.Output!;
        var op = (UnOp)node.Kind;
        float p = node.F0, q = node.F1;
        {
            var ga = a.GradSpan();
            if (ga.IsEmpty) return;
            var x = a.Span;
            var y = r.Span;
            int n = ga.Length;
            switch (op)
            {
                case UnOp.Neg: TensorPrimitives.Subtract(ga, g, ga); break;
                case UnOp.Exp: TensorPrimitives.MultiplyAdd(g, y, ga, ga); break;
                case UnOp.Log: for (int i = 0; i < n; i++) ga[i] += g[i] / x[i]; break;
                case UnOp.Sqrt: for (int i = 0; i < n; i++) ga[i] += g[i] * 0.5f / y[i]; break;
                case UnOp.Abs: for (int i = 0; i < n; i++) ga[i] += x[i] > 0f ? g[i] : x[i] < 0f ? -g[i] : 0f; break;
                case UnOp.Tanh: for (int i = 0; i < n; i++) ga[i] += g[i] * (1f - y[i] * y[i]); break;
                case UnOp.Sigmoid: for (int i = 0; i < n; i++) ga[i] += g[i] * y[i] * (1f - y[i]); break;
                case UnOp.Relu: Simd.AddWherePositive(ga, g, y); break;
                case UnOp.LeakyRelu: for (int i = 0; i < n; i++) ga[i] += x[i] > 0f ? g[i] : g[i] * p; break;
                case UnOp.Pow:
                    if (p == 2f) for (int i = 0; i < n; i++) ga[i] += g[i] * 2f * x[i];
                    else for (int i = 0; i < n; i++) ga[i] += g[i] * p * MathF.Pow(x[i], p - 1f);
                    break;
                case UnOp.Clamp: for (int i = 0; i < n; i++) if (x[i] >= p && x[i] <= q) ga[i] += g[i]; break;
                case UnOp.AddScalar: TensorPrimitives.Add(ga, g, ga); break;
                case UnOp.MulScalar: TensorPrimitives.MultiplyAdd(g, p, ga, ga); break;
                case UnOp.RSubScalar: TensorPrimitives.Subtract(ga, g, ga); break;
                default: for (int i = 0; i < n; i++) ga[i] -= g[i] * y[i] / x[i]; break;
            }
        }
    }

    /// <summary>Negation.</summary>
    public Tensor neg() => Unary(UnOp.Neg, this, 0f, 0f);

    /// <summary>Elementwise e^x.</summary>
    public Tensor exp() => Unary(UnOp.Exp, this, 0f, 0f);

    /// <summary>Elementwise natural logarithm.</summary>
    public Tensor log() => Unary(UnOp.Log, this, 0f, 0f);

    /// <summary>Elementwise square root.</summary>
    public Tensor sqrt() => Unary(UnOp.Sqrt, this, 0f, 0f);

    /// <summary>Elementwise absolute value.</summary>
    public Tensor abs() => Unary(UnOp.Abs, this, 0f, 0f);

    /// <summary>Elementwise hyperbolic tangent.</summary>
    public Tensor tanh() => Unary(UnOp.Tanh, this, 0f, 0f);

    /// <summary>Elementwise logistic sigmoid.</summary>
    public Tensor sigmoid() => Unary(UnOp.Sigmoid, this, 0f, 0f);

    /// <summary>Elementwise max(x, 0).</summary>
    public Tensor relu() => Unary(UnOp.Relu, this, 0f, 0f);

    /// <summary>Elementwise x if x &gt; 0 else slope·x.</summary>
    public Tensor leaky_relu(double negative_slope = 0.01) => Unary(UnOp.LeakyRelu, this, (float)negative_slope, 0f);

    /// <summary>Elementwise x^exponent.</summary>
    public Tensor pow(double exponent) => Unary(UnOp.Pow, this, (float)exponent, 0f);

    /// <summary>Elementwise x².</summary>
    public Tensor square() => Unary(UnOp.Pow, this, 2f, 0f);

    /// <summary>Clamps every element into [min, max] (either bound optional).</summary>
    public Tensor clamp(double? min = null, double? max = null) =>
        Unary(UnOp.Clamp, this, min is null ? float.NegativeInfinity : (float)min.Value, max is null ? float.PositiveInfinity : (float)max.Value);
}
