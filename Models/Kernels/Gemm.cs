using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RlFramework.Models.Kernels;

/// <summary>Cache-blocked, packed SIMD single-precision GEMM: C = [C +] op(A) · op(B).</summary>
/// <remarks>
/// Micro-kernel 6×16 on Vector256 (12 accumulators). Large products are split by columns across cores
/// with a fixed partitioning; every element of C is computed by one thread with the same K order, so the
/// result is bit-identical whatever the number of threads.
/// </remarks>
internal static unsafe class Gemm
{
    private const int MR = 6;
    private const int NR = 16;
    private const int KC = 256;
    private const int MC = 72;
    private const int NC = 3072;

    internal const int PackASize = MC * KC;
    internal const int PackBSize = NC * KC;

    /// <summary>Products with at least this many multiply-adds are split across cores.</summary>
    internal static long ParallelThreshold = 1L << 22;

    /// <summary>Maximum number of threads used by one product.</summary>
    internal static int MaxThreads = Environment.ProcessorCount;

    [ThreadStatic] private static float[]? t_packA;
    [ThreadStatic] private static float[]? t_packB;
    [ThreadStatic] private static float[]? t_thin;

    /// <summary>C[M,N] = (accumulate ? C : 0) + op(A)[M,K] · op(B)[K,N].</summary>
    public static void Mul(int m, int n, int k,
        ReadOnlySpan<float> a, int lda, bool transA,
        ReadOnlySpan<float> b, int ldb, bool transB,
        Span<float> c, int ldc, bool accumulate)
    {
        if (m == 0 || n == 0) return;
        fixed (float* pa = a) fixed (float* pb = b) fixed (float* pc = c)
            Mul(m, n, k, pa, lda, transA, pb, ldb, transB, pc, ldc, accumulate);
    }

    /// <summary>Pointer form of <see cref="Mul(int,int,int,ReadOnlySpan{float},int,bool,ReadOnlySpan{float},int,bool,Span{float},int,bool)"/>.</summary>
    public static void Mul(int m, int n, int k, float* a, int lda, bool transA, float* b, int ldb, bool transB, float* c, int ldc, bool accumulate)
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) for (int i = 0; i < m; i++) new Span<float>(c + (long)i * ldc, n).Clear();
            return;
        }
        if (m == 1 && !transA)
        {
            RowTimesMatrix(n, k, a, b, ldb, transB, c, accumulate);
            return;
        }
        if (n < NR && m > n)
        {
            // Thin result: compute the transposed product Cᵀ = op(B)ᵀ·op(A)ᵀ (n rows, m wide columns fit the
            // 6×16 kernel far better), then add/copy it back transposed.
            int len = n * m;
            float[] tmp = t_thin is { } tt && tt.Length >= len ? tt : (t_thin = new float[Math.Max(len, 4096)]);
            fixed (float* pt = tmp)
            {
                Mul(n, m, k, b, ldb, !transB, a, lda, !transA, pt, m, false);
                for (int i = 0; i < m; i++)
                {
                    float* ci = c + (long)i * ldc;
                    if (accumulate) for (int j = 0; j < n; j++) ci[j] += pt[j * m + i];
                    else for (int j = 0; j < n; j++) ci[j] = pt[j * m + i];
                }
            }
            return;
        }
        long work = (long)m * n * k;
        int threads = Math.Min(MaxThreads, (n + NR - 1) / NR);
        if (work >= ParallelThreshold && threads > 1)
        {
            ParallelColumns(threads, m, n, k, a, lda, transA, b, ldb, transB, c, ldc, accumulate);
            return;
        }
        float[] bufA = t_packA ??= new float[PackASize];
        float[] bufB = t_packB ??= new float[PackBSize];
        fixed (float* pa = bufA) fixed (float* pb = bufB)
            Serial(m, n, k, a, lda, transA, b, ldb, transB, c, ldc, accumulate, pa, pb);
    }

    // Arguments of the product being split (one parallel product at a time, guarded by GemmWorkers).
    private static int s_m, s_n, s_k, s_lda, s_ldb, s_ldc, s_per;
    private static float* s_a, s_b, s_c;
    private static bool s_transA, s_transB, s_acc;

    private static void ParallelColumns(int threads, int m, int n, int k, float* a, int lda, bool transA, float* b, int ldb, bool transB, float* c, int ldc, bool accumulate)
    {
        // Fixed partitioning of the columns into `threads` contiguous, NR-aligned chunks.
        int panels = (n + NR - 1) / NR;
        int per = (panels + threads - 1) / threads;
        float[] packA = t_packA ??= new float[PackASize];
        float[] packB = t_packB ??= new float[PackBSize];
        fixed (float* pa = packA) fixed (float* pb = packB)
        {
            lock (s_argsLock)
            {
                (s_m, s_n, s_k, s_lda, s_ldb, s_ldc, s_per) = (m, n, k, lda, ldb, ldc, per);
                s_a = a; s_b = b; s_c = c;
                (s_transA, s_transB, s_acc) = (transA, transB, accumulate);
                GemmWorkers.Run(threads, &Partition, pa, pb);
            }
        }
    }

    private static readonly Lock s_argsLock = new();

    private static void Partition(int t, float* packA, float* packB)
    {
        int j0 = t * s_per * NR;
        int j1 = Math.Min(s_n, j0 + s_per * NR);
        if (j0 >= j1) return;
        float* bb = s_transB ? s_b + (long)j0 * s_ldb : s_b + j0;
        Serial(s_m, j1 - j0, s_k, s_a, s_lda, s_transA, bb, s_ldb, s_transB, s_c + j0, s_ldc, s_acc, packA, packB);
    }

    private static void RowTimesMatrix(int n, int k, float* a, float* b, int ldb, bool transB, float* c, bool accumulate)
    {
        var x = new ReadOnlySpan<float>(a, k);
        var y = new Span<float>(c, n);
        if (transB)
        {
            for (int j = 0; j < n; j++)
            {
                float d = System.Numerics.Tensors.TensorPrimitives.Dot(x, new ReadOnlySpan<float>(b + (long)j * ldb, k));
                y[j] = accumulate ? y[j] + d : d;
            }
        }
        else
        {
            if (!accumulate) y.Clear();
            for (int p = 0; p < k; p++)
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(new ReadOnlySpan<float>(b + (long)p * ldb, n), x[p], y, y);
        }
    }

    private static void Serial(int m, int n, int k, float* a, int lda, bool transA, float* b, int ldb, bool transB, float* c, int ldc, bool accumulate, float* pA, float* pB)
    {
        // Small operands are read in place (the micro-kernel broadcasts A elements and loads B rows directly);
        // large ones are packed into contiguous panels (pA: MC×KC, pB: KC×NC) for cache locality.
        bool packA = (long)m * k > 16384;
        bool packB = transB || (long)k * n > 65536;
        {
            for (int jc = 0; jc < n; jc += NC)
            {
                int nc = Math.Min(NC, n - jc);
                int fullEnd = nc / NR * NR;
                for (int pc = 0; pc < k; pc += KC)
                {
                    int kc = Math.Min(KC, k - pc);
                    bool add = accumulate || pc > 0;
                    if (packB) PackB(kc, nc, b, ldb, transB, pc, jc, 0, pB);
                    else if (fullEnd < nc) PackB(kc, nc, b, ldb, transB, pc, jc, fullEnd, pB);
                    for (int ic = 0; ic < m; ic += MC)
                    {
                        int mc = Math.Min(MC, m - ic);
                        if (packA) PackA(mc, kc, a, lda, transA, ic, pc, pA);
                        for (int jr = 0; jr < nc; jr += NR)
                        {
                            int nr = Math.Min(NR, nc - jr);
                            float* bp;
                            nint bs;
                            if (packB || jr >= fullEnd) { bp = pB + jr * kc; bs = NR; }
                            else { bp = b + (long)pc * ldb + jc + jr; bs = ldb; }
                            for (int ir = 0; ir < mc; ir += MR)
                            {
                                int mr = Math.Min(MR, mc - ir);
                                float* ap;
                                nint rs, cs;
                                if (packA) { ap = pA + ir * kc; rs = 1; cs = MR; }
                                else if (transA) { ap = a + (long)pc * lda + ic + ir; rs = 1; cs = lda; }
                                else { ap = a + (long)(ic + ir) * lda + pc; rs = lda; cs = 1; }
                                float* cc = c + (long)(ic + ir) * ldc + jc + jr;
                                if (mr == MR && nr == NR) Kernel(kc, ap, rs, cs, mr, bp, bs, cc, ldc, add);
                                else KernelEdge(kc, ap, rs, cs, bp, bs, cc, ldc, mr, nr, add);
                            }
                        }
                    }
                }
            }
        }
    }

    private static int RoundUp(int x, int r) => (x + r - 1) / r * r;

    // Packs op(B)[pc:pc+kc, jc:jc+nc] into NR-wide panels laid out [panel][kc][NR], zero-padded.
    private static void PackB(int kc, int nc, float* b, int ldb, bool transB, int pc, int jc, int jrStart, float* dst)
    {
        for (int jr = jrStart; jr < nc; jr += NR)
        {
            int nr = Math.Min(NR, nc - jr);
            float* d = dst + jr * kc;
            if (!transB)
            {
                float* src = b + (long)pc * ldb + jc + jr;
                if (nr == NR)
                {
                    for (int p = 0; p < kc; p++, src += ldb, d += NR)
                    {
                        Vector256.Store(Vector256.Load(src), d);
                        Vector256.Store(Vector256.Load(src + 8), d + 8);
                    }
                }
                else
                {
                    for (int p = 0; p < kc; p++, src += ldb, d += NR)
                    {
                        int j = 0;
                        for (; j < nr; j++) d[j] = src[j];
                        for (; j < NR; j++) d[j] = 0f;
                    }
                }
            }
            else if (nr == NR && System.Runtime.Intrinsics.X86.Avx.IsSupported)
            {
                // op(B)[p, j] = B[j*ldb + p]: transpose 8×8 blocks (16 B rows → one 16-wide panel).
                float* src0 = b + (long)(jc + jr) * ldb + pc;
                int p = 0;
                for (; p <= kc - 8; p += 8)
                {
                    Transpose8x8(src0 + p, ldb, d + p * NR, NR);
                    Transpose8x8(src0 + 8L * ldb + p, ldb, d + p * NR + 8, NR);
                }
                for (; p < kc; p++)
                    for (int j = 0; j < NR; j++) d[p * NR + j] = src0[(long)j * ldb + p];
            }
            else
            {
                // op(B)[p, j] = B[j*ldb + p]
                for (int j = 0; j < NR; j++)
                {
                    if (j < nr)
                    {
                        float* src = b + (long)(jc + jr + j) * ldb + pc;
                        for (int p = 0; p < kc; p++) d[p * NR + j] = src[p];
                    }
                    else
                    {
                        for (int p = 0; p < kc; p++) d[p * NR + j] = 0f;
                    }
                }
            }
        }
    }

    // dst[k*dstStride + i] = src[i*srcStride + k] for i, k in 0..7 (the standard AVX unpack/shuffle/permute transpose).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, int srcStride, float* dst, int dstStride)
    {
        var r0 = Vector256.Load(src); var r1 = Vector256.Load(src + srcStride);
        var r2 = Vector256.Load(src + 2L * srcStride); var r3 = Vector256.Load(src + 3L * srcStride);
        var r4 = Vector256.Load(src + 4L * srcStride); var r5 = Vector256.Load(src + 5L * srcStride);
        var r6 = Vector256.Load(src + 6L * srcStride); var r7 = Vector256.Load(src + 7L * srcStride);
        var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5); var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7); var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44); var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44); var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44); var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44); var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Vector256.Store(Avx.Permute2x128(u0, u4, 0x20), dst);
        Vector256.Store(Avx.Permute2x128(u1, u5, 0x20), dst + dstStride);
        Vector256.Store(Avx.Permute2x128(u2, u6, 0x20), dst + 2L * dstStride);
        Vector256.Store(Avx.Permute2x128(u3, u7, 0x20), dst + 3L * dstStride);
        Vector256.Store(Avx.Permute2x128(u0, u4, 0x31), dst + 4L * dstStride);
        Vector256.Store(Avx.Permute2x128(u1, u5, 0x31), dst + 5L * dstStride);
        Vector256.Store(Avx.Permute2x128(u2, u6, 0x31), dst + 6L * dstStride);
        Vector256.Store(Avx.Permute2x128(u3, u7, 0x31), dst + 7L * dstStride);
    }

    // Packs op(A)[ic:ic+mc, pc:pc+kc] into MR-tall panels laid out [panel][kc][MR], zero-padded.
    private static void PackA(int mc, int kc, float* a, int lda, bool transA, int ic, int pc, float* dst)
    {
        for (int ir = 0; ir < mc; ir += MR)
        {
            int mr = Math.Min(MR, mc - ir);
            float* d = dst + ir * kc;
            if (!transA)
            {
                for (int i = 0; i < MR; i++)
                {
                    if (i < mr)
                    {
                        float* src = a + (long)(ic + ir + i) * lda + pc;
                        for (int p = 0; p < kc; p++) d[p * MR + i] = src[p];
                    }
                    else
                    {
                        for (int p = 0; p < kc; p++) d[p * MR + i] = 0f;
                    }
                }
            }
            else
            {
                // op(A)[i, p] = A[p*lda + i]
                float* src = a + (long)pc * lda + ic + ir;
                for (int p = 0; p < kc; p++, src += lda, d += MR)
                {
                    int i = 0;
                    for (; i < mr; i++) d[i] = src[i];
                    for (; i < MR; i++) d[i] = 0f;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        System.Runtime.Intrinsics.X86.Fma.IsSupported ? System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(a, b, c) : Vector256.FusedMultiplyAdd(a, b, c);

    // A element (r, p) is at a[r·rs + p·cs] (rows r ≥ mr alias row 0; their results are discarded);
    // B row p (16 floats) is at b + p·bs.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel(int kc, float* a, nint rs, nint cs, int mr, float* b, nint bs, float* c, int ldc, bool add)
    {
        nint o1 = mr > 1 ? rs : 0, o2 = mr > 2 ? 2 * rs : 0, o3 = mr > 3 ? 3 * rs : 0, o4 = mr > 4 ? 4 * rs : 0, o5 = mr > 5 ? 5 * rs : 0;
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++, a += cs, b += bs)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var av = Vector256.Create(a[0]); c00 = Fma(av, b0, c00); c01 = Fma(av, b1, c01);
            av = Vector256.Create(a[o1]); c10 = Fma(av, b0, c10); c11 = Fma(av, b1, c11);
            av = Vector256.Create(a[o2]); c20 = Fma(av, b0, c20); c21 = Fma(av, b1, c21);
            av = Vector256.Create(a[o3]); c30 = Fma(av, b0, c30); c31 = Fma(av, b1, c31);
            av = Vector256.Create(a[o4]); c40 = Fma(av, b0, c40); c41 = Fma(av, b1, c41);
            av = Vector256.Create(a[o5]); c50 = Fma(av, b0, c50); c51 = Fma(av, b1, c51);
        }
        if (add)
        {
            Store(c, c00 + Vector256.Load(c), c01 + Vector256.Load(c + 8)); c += ldc;
            Store(c, c10 + Vector256.Load(c), c11 + Vector256.Load(c + 8)); c += ldc;
            Store(c, c20 + Vector256.Load(c), c21 + Vector256.Load(c + 8)); c += ldc;
            Store(c, c30 + Vector256.Load(c), c31 + Vector256.Load(c + 8)); c += ldc;
            Store(c, c40 + Vector256.Load(c), c41 + Vector256.Load(c + 8)); c += ldc;
            Store(c, c50 + Vector256.Load(c), c51 + Vector256.Load(c + 8));
        }
        else
        {
            Store(c, c00, c01); c += ldc;
            Store(c, c10, c11); c += ldc;
            Store(c, c20, c21); c += ldc;
            Store(c, c30, c31); c += ldc;
            Store(c, c40, c41); c += ldc;
            Store(c, c50, c51);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector256<float> lo, Vector256<float> hi)
    {
        Vector256.Store(lo, c);
        Vector256.Store(hi, c + 8);
    }

    private static void KernelEdge(int kc, float* a, nint rs, nint cs, float* b, nint bs, float* c, int ldc, int mr, int nr, bool add)
    {
        float* tmp = stackalloc float[MR * NR];
        Kernel(kc, a, rs, cs, mr, b, bs, tmp, NR, false);
        for (int i = 0; i < mr; i++)
        {
            float* ci = c + (long)i * ldc;
            float* ti = tmp + i * NR;
            if (add) for (int j = 0; j < nr; j++) ci[j] += ti[j];
            else for (int j = 0; j < nr; j++) ci[j] = ti[j];
        }
    }
}
