using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RlFramework.Models.Kernels;

/// <summary>Small fused SIMD loops not covered by TensorPrimitives.</summary>
internal static class Simd
{
    /// <summary>dst[i] += g[i] where y[i] &gt; 0 (ReLU backward).</summary>
    public static void AddWherePositive(Span<float> dst, ReadOnlySpan<float> g, ReadOnlySpan<float> y)
    {
        int n = dst.Length, i = 0;
        ref float d = ref MemoryMarshal.GetReference(dst);
        ref float gr = ref MemoryMarshal.GetReference(g);
        ref float yr = ref MemoryMarshal.GetReference(y);
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - 8; i += 8)
            {
                var mask = Vector256.GreaterThan(Vector256.LoadUnsafe(ref yr, (nuint)i), Vector256<float>.Zero);
                var add = Vector256.BitwiseAnd(Vector256.LoadUnsafe(ref gr, (nuint)i), mask);
                (Vector256.LoadUnsafe(ref d, (nuint)i) + add).StoreUnsafe(ref d, (nuint)i);
            }
        }
        for (; i < n; i++) if (Unsafe.Add(ref yr, i) > 0f) Unsafe.Add(ref d, i) += Unsafe.Add(ref gr, i);
    }

    /// <summary>max(x, 0) with NaN kept (as <c>TensorPrimitives.Max(x, 0f)</c>: NaN stays NaN, −0 becomes +0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Relu(Vector256<float> x) =>
        Vector256.BitwiseAnd(x, Vector256.GreaterThan(x, Vector256<float>.Zero) | ~Vector256.Equals(x, x));

    /// <summary>Scalar form of <see cref="Relu(Vector256{float})"/>.</summary>
    public static float Relu(float x) => x > 0f || float.IsNaN(x) ? x : 0f;

    /// <summary>x = max(x, 0) in place (see <see cref="Relu(Vector256{float})"/>).</summary>
    public static void Relu(Span<float> x) => Relu(x, x);

    /// <summary>dst = max(src, 0) (see <see cref="Relu(Vector256{float})"/>); dst may be src.</summary>
    public static void Relu(ReadOnlySpan<float> src, Span<float> dst)
    {
        int n = src.Length, i = 0;
        ref float s = ref MemoryMarshal.GetReference(src);
        ref float d = ref MemoryMarshal.GetReference(dst);
        if (Vector256.IsHardwareAccelerated)
            for (; i <= n - 8; i += 8) Relu(Vector256.LoadUnsafe(ref s, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref d, i) = Relu(Unsafe.Add(ref s, i));
    }

    /// <summary>dst[i] = g[i] where y[i] &gt; 0, else 0 (ReLU backward into a fresh buffer; same values as
    /// <see cref="AddWherePositive"/> into zeros).</summary>
    public static void CopyWherePositive(Span<float> dst, ReadOnlySpan<float> g, ReadOnlySpan<float> y)
    {
        dst.Clear();
        AddWherePositive(dst, g, y);
    }

    /// <summary>dst[j] += Σ_i rows[i·n + j] for the rows of length n = dst.Length, summed in row order (bias gradient).</summary>
    public static void AddRows(Span<float> dst, ReadOnlySpan<float> rows)
    {
        int n = dst.Length;
        if (n == 0) return;
        int count = rows.Length / n, j = 0;
        ref float d = ref MemoryMarshal.GetReference(dst);
        ref float r = ref MemoryMarshal.GetReference(rows);
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j <= n - 8; j += 8)
            {
                var s = Vector256.LoadUnsafe(ref d, (nuint)j);
                for (int i = 0; i < count; i++) s += Vector256.LoadUnsafe(ref r, (nuint)(i * n + j));
                s.StoreUnsafe(ref d, (nuint)j);
            }
        }
        for (; j < n; j++)
        {
            float s = Unsafe.Add(ref d, j);
            for (int i = 0; i < count; i++) s += Unsafe.Add(ref r, i * n + j);
            Unsafe.Add(ref d, j) = s;
        }
    }

    /// <summary>
    /// One Adam/AdamW element update over spans (PyTorch's formula, see <c>Optimizers.Adam</c>):
    /// m = b1·m + (1−b1)·g; v = b2·v + (1−b2)·g²; p −= stepSize · m / (√v / bc2Sqrt + eps), with g += wd·p first when wd ≠ 0.
    /// </summary>
    public static void Adam(Span<float> p, ReadOnlySpan<float> grad, Span<float> m, Span<float> v, float b1, float omb1, float b2, float omb2, float stepSize, float bc2Sqrt, float eps, float wd)
    {
        int n = p.Length, i = 0;
        ref float pr = ref MemoryMarshal.GetReference(p);
        ref float gr = ref MemoryMarshal.GetReference(grad);
        ref float mr = ref MemoryMarshal.GetReference(m);
        ref float vr = ref MemoryMarshal.GetReference(v);
        if (Vector256.IsHardwareAccelerated)
        {
            var vb1 = Vector256.Create(b1); var vomb1 = Vector256.Create(omb1);
            var vb2 = Vector256.Create(b2); var vomb2 = Vector256.Create(omb2);
            var vstep = Vector256.Create(stepSize); var vbc2 = Vector256.Create(bc2Sqrt);
            var veps = Vector256.Create(eps); var vwd = Vector256.Create(wd);
            for (; i <= n - 8; i += 8)
            {
                var pv = Vector256.LoadUnsafe(ref pr, (nuint)i);
                var g = Vector256.LoadUnsafe(ref gr, (nuint)i);
                if (wd != 0f) g += vwd * pv;
                var mv = Vector256.LoadUnsafe(ref mr, (nuint)i) * vb1 + vomb1 * g;
                var vv = Vector256.LoadUnsafe(ref vr, (nuint)i) * vb2 + vomb2 * g * g;
                mv.StoreUnsafe(ref mr, (nuint)i);
                vv.StoreUnsafe(ref vr, (nuint)i);
                var denom = Vector256.Sqrt(vv) / vbc2 + veps;
                (pv - vstep * (mv / denom)).StoreUnsafe(ref pr, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float g = Unsafe.Add(ref gr, i);
            ref float pe = ref Unsafe.Add(ref pr, i);
            if (wd != 0f) g += wd * pe;
            ref float me = ref Unsafe.Add(ref mr, i);
            ref float ve = ref Unsafe.Add(ref vr, i);
            me = me * b1 + omb1 * g;
            ve = ve * b2 + omb2 * g * g;
            float denom = MathF.Sqrt(ve) / bc2Sqrt + eps;
            pe -= stepSize * (me / denom);
        }
    }
}
