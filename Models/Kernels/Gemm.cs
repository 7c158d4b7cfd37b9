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

    /// <summary>Maximum number of threads used by one product (the process default, <c>torch.set_num_threads</c>).</summary>
    internal static int MaxThreads = Environment.ProcessorCount;

    /// <summary>The calling thread's budget (<c>torch.thread_budget</c>), 0 where the process default applies.</summary>
    [ThreadStatic] internal static int ThreadBudget;

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

    /// <summary>C[M,N] = op(A)[M,K] · op(B)[K,N] + bias, then max(·, 0) when <paramref name="relu"/> (a layer's
    /// affine map and activation in one pass). An empty <paramref name="bias"/> adds nothing; bias[N] is added to every row.</summary>
    public static void MulAddBias(int m, int n, int k,
        ReadOnlySpan<float> a, int lda, bool transA,
        ReadOnlySpan<float> b, int ldb, bool transB,
        Span<float> c, int ldc, ReadOnlySpan<float> bias, bool relu = false)
    {
        if (m == 0 || n == 0) return;
        if (!bias.IsEmpty && bias.Length < n) throw new ArgumentException($"GEMM bias has {bias.Length} values, expected at least {n}", nameof(bias));
        fixed (float* pa = a) fixed (float* pb = b) fixed (float* pc = c) fixed (float* pbias = bias)
            Mul(m, n, k, pa, lda, transA, pb, ldb, transB, pc, ldc, false, bias.IsEmpty ? null : pbias, relu);
    }

    /// <summary>Pointer form of <see cref="Mul(int,int,int,ReadOnlySpan{float},int,bool,ReadOnlySpan{float},int,bool,Span{float},int,bool)"/>;
    /// without <paramref name="accumulate"/>, a non-null <paramref name="bias"/> is added to every row of the product and
    /// <paramref name="relu"/> then clamps the result at 0 (see <see cref="MulAddBias"/>).</summary>
    public static void Mul(int m, int n, int k, float* a, int lda, bool transA, float* b, int ldb, bool transB, float* c, int ldc, bool accumulate, float* bias = null, bool relu = false)
    {
        if (m == 0 || n == 0) return;
        if (accumulate && (bias is not null || relu)) throw new ArgumentException("GEMM: bias and relu apply only without accumulate");
        if (SmallProduct(m, n, k, a, lda, transA, b, ldb, transB, c, ldc, accumulate, bias))
        {
            if (relu) for (int i = 0; i < m; i++) Simd.Relu(new Span<float>(c + (long)i * ldc, n));
            return;
        }
        long work = (long)m * n * k;
        int threads = Math.Min(ThreadBudget > 0 ? ThreadBudget : MaxThreads, (n + NR - 1) / NR);
        if (work >= ParallelThreshold && threads > 1)
        {
            ParallelColumns(threads, m, n, k, a, lda, transA, b, ldb, transB, c, ldc, accumulate, bias, relu);
            return;
        }
        float[] bufA = t_packA ??= new float[PackASize];
        float[] bufB = t_packB ??= new float[PackBSize];
        fixed (float* pa = bufA) fixed (float* pb = bufB)
            Serial(m, n, k, a, lda, transA, b, ldb, transB, c, ldc, accumulate, bias, relu, pa, pb);
    }

    // Shapes the packed micro-kernel does not suit (no inner dimension, matrix-vector, thin results): computed here,
    // returning true; false leaves the product to the micro-kernel.
    private static bool SmallProduct(int m, int n, int k, float* a, int lda, bool transA, float* b, int ldb, bool transB, float* c, int ldc, bool accumulate, float* bias)
    {
        if (k == 0)
        {
            for (int i = 0; i < m && !accumulate; i++)
            {
                var ci = new Span<float>(c + (long)i * ldc, n);
                if (bias is null) ci.Clear();
                else new ReadOnlySpan<float>(bias, n).CopyTo(ci);
            }
            return true;
        }
        if (!transA && transB && (m == 1 || n <= 4))
        {
            // Rows of A times rows of B, both contiguous: dot products (matrix-vector and thin outputs).
            RowDots(m, n, k, a, lda, b, ldb, c, ldc, accumulate, bias);
            return true;
        }
        if (m == 1 && !transA)
        {
            RowTimesMatrix(n, k, a, b, ldb, c, accumulate, bias);
            return true;
        }
        if (n < 8 && m > n)
        {
            // Thin result: compute the transposed product Cᵀ = op(B)ᵀ·op(A)ᵀ (n rows, m wide columns fit the
            // micro-kernel far better), then add/copy it back transposed.
            int len = n * m;
            float[] tmp = t_thin is { } tt && tt.Length >= len ? tt : (t_thin = new float[Math.Max(len, 4096)]);
            fixed (float* pt = tmp)
            {
                Mul(n, m, k, b, ldb, !transB, a, lda, !transA, pt, m, false);
                for (int i = 0; i < m; i++)
                {
                    float* ci = c + (long)i * ldc;
                    if (accumulate) for (int j = 0; j < n; j++) ci[j] += pt[j * m + i];
                    else if (bias is null) for (int j = 0; j < n; j++) ci[j] = pt[j * m + i];
                    else for (int j = 0; j < n; j++) ci[j] = pt[j * m + i] + bias[j];
                }
            }
            return true;
        }
        return false;
    }

    // Arguments of the product being split (one parallel product at a time, guarded by GemmWorkers).
    private static int s_m, s_n, s_k, s_lda, s_ldb, s_ldc, s_per;
    private static float* s_a, s_b, s_c, s_bias;
    private static bool s_transA, s_transB, s_acc, s_relu;

    private static void ParallelColumns(int threads, int m, int n, int k, float* a, int lda, bool transA, float* b, int ldb, bool transB, float* c, int ldc, bool accumulate, float* bias, bool relu)
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
                s_a = a; s_b = b; s_c = c; s_bias = bias;
                (s_transA, s_transB, s_acc, s_relu) = (transA, transB, accumulate, relu);
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
        Serial(s_m, j1 - j0, s_k, s_a, s_lda, s_transA, bb, s_ldb, s_transB, s_c + j0, s_ldc, s_acc, s_bias is null ? null : s_bias + j0, s_relu, packA, packB);
    }

    // y[n] = (accumulate ? y : 0) + x[k]·B[k,n] (+ bias), B rows contiguous.
    private static void RowTimesMatrix(int n, int k, float* a, float* b, int ldb, float* c, bool accumulate, float* bias)
    {
        var x = new ReadOnlySpan<float>(a, k);
        var y = new Span<float>(c, n);
        if (!accumulate) y.Clear();
        for (int p = 0; p < k; p++)
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(new ReadOnlySpan<float>(b + (long)p * ldb, n), x[p], y, y);
        if (bias is not null) System.Numerics.Tensors.TensorPrimitives.Add(y, new ReadOnlySpan<float>(bias, n), y);
    }

    // C[i, j] = (accumulate ? C[i, j] : 0) + dot(A row i, B row j) (+ bias[j]); rows of A and B are k contiguous floats.
    // Blocks of 4 rows of the longer side against one row of the other keep 4 accumulators in flight.
    private static void RowDots(int m, int n, int k, float* a, int lda, float* b, int ldb, float* c, int ldc, bool accumulate, float* bias)
    {
        if (m >= n)
        {
            for (int j = 0; j < n; j++)
            {
                float* bj = bias is null ? null : bias + j;
                int i = 0;
                for (; i + 4 <= m; i += 4) Dot4(k, a + (long)i * lda, lda, b + (long)j * ldb, c + (long)i * ldc + j, ldc, accumulate, bj, 0);
                for (; i < m; i++) Dot1(k, a + (long)i * lda, b + (long)j * ldb, c + (long)i * ldc + j, accumulate, bj);
            }
        }
        else
        {
            for (int i = 0; i < m; i++)
            {
                float* ci = c + (long)i * ldc;
                int j = 0;
                for (; j + 4 <= n; j += 4) Dot4(k, b + (long)j * ldb, ldb, a + (long)i * lda, ci + j, 1, accumulate, bias is null ? null : bias + j, 1);
                for (; j < n; j++) Dot1(k, a + (long)i * lda, b + (long)j * ldb, ci + j, accumulate, bias is null ? null : bias + j);
            }
        }
    }

    // o[r·os] = (add ? o[r·os] : 0) + dot(rows + r·rowStride, v) (+ bias[r·bs]) for r in 0..3.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4(int k, float* rows, nint rowStride, float* v, float* o, nint os, bool add, float* bias, nint bs)
    {
        float* r0 = rows, r1 = rows + rowStride, r2 = rows + 2 * rowStride, r3 = rows + 3 * rowStride;
        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
        int p = 0;
        for (; p <= k - 8; p += 8)
        {
            var x = Vector256.Load(v + p);
            s0 = Fma(Vector256.Load(r0 + p), x, s0);
            s1 = Fma(Vector256.Load(r1 + p), x, s1);
            s2 = Fma(Vector256.Load(r2 + p), x, s2);
            s3 = Fma(Vector256.Load(r3 + p), x, s3);
        }
        float d0 = Vector256.Sum(s0), d1 = Vector256.Sum(s1), d2 = Vector256.Sum(s2), d3 = Vector256.Sum(s3);
        for (; p < k; p++)
        {
            float x = v[p];
            d0 += r0[p] * x; d1 += r1[p] * x; d2 += r2[p] * x; d3 += r3[p] * x;
        }
        Finish(o, d0, add, bias);
        Finish(o + os, d1, add, bias is null ? null : bias + bs);
        Finish(o + 2 * os, d2, add, bias is null ? null : bias + 2 * bs);
        Finish(o + 3 * os, d3, add, bias is null ? null : bias + 3 * bs);
    }

    // *o = (add ? *o : 0) + dot(x, y) (+ *bias), x and y k floats long.
    private static void Dot1(int k, float* x, float* y, float* o, bool add, float* bias)
    {
        Vector256<float> s = default;
        int p = 0;
        for (; p <= k - 8; p += 8) s = Fma(Vector256.Load(x + p), Vector256.Load(y + p), s);
        float d = Vector256.Sum(s);
        for (; p < k; p++) d += x[p] * y[p];
        Finish(o, d, add, bias);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(float* o, float d, bool add, float* bias) =>
        *o = add ? *o + d : bias is null ? d : d + *bias;

    private static void Serial(int m, int n, int k, float* a, int lda, bool transA, float* b, int ldb, bool transB, float* c, int ldc, bool accumulate, float* bias, bool relu, float* pA, float* pB)
    {
        // Small operands are read in place (the micro-kernel broadcasts A elements and loads B rows directly);
        // large ones are packed into contiguous panels (pA: MC×KC, pB: KC×NC) for cache locality.
        bool packA = (long)m * k > 16384;
        bool packB = transB || (long)k * n > 65536;
        for (int jc = 0; jc < n; jc += NC)
        {
            int nc = Math.Min(NC, n - jc);
            int fullEnd = nc / NR * NR;
            for (int pc = 0; pc < k; pc += KC)
            {
                int kc = Math.Min(KC, k - pc);
                bool add = accumulate || pc > 0;
                bool last = pc + kc >= k; // the bias and relu go in with the last K block
                float* bi = bias is not null && last ? bias + jc : null;
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
                        if (packB || jr >= fullEnd) { bp = pB + jr * kc; bs = PanelWidth(nr); }
                        else { bp = b + (long)pc * ldb + jc + jr; bs = ldb; }
                        for (int ir = 0, mr; ir < mc; ir += mr)
                        {
                            mr = TileRows(mc - ir);
                            float* ap;
                            nint rs, cs;
                            if (packA) { ap = pA + ir * kc; rs = 1; cs = mr; }
                            else if (transA) { ap = a + (long)pc * lda + ic + ir; rs = 1; cs = lda; }
                            else { ap = a + (long)(ic + ir) * lda + pc; rs = lda; cs = 1; }
                            var tile = new Tile(c + (long)(ic + ir) * ldc + jc + jr, ldc, nr, add, bi is null ? null : bi + jr, relu && last);
                            if (nr > 8) RunTile<N2, Strided>(mr, kc, ap, rs, cs, bp, bs, null, tile);
                            else RunTile<N1, Strided>(mr, kc, ap, rs, cs, bp, bs, null, tile);
                        }
                    }
                }
            }
        }
    }

    // One micro-tile of mr rows (1..6) and TV column vectors, B rows addressed by TB.
    private static void RunTile<TV, TB>(int mr, int kc, float* ap, nint rs, nint cs, float* bp, nint bs, int* off, in Tile tile)
        where TV : struct, ICount where TB : struct, IRows
    {
        switch (mr)
        {
            case 6: Kernel<N6, TV, TB>(kc, ap, rs, cs, bp, bs, off, tile); break;
            case 5: Kernel<N5, TV, TB>(kc, ap, rs, cs, bp, bs, off, tile); break;
            case 4: Kernel<N4, TV, TB>(kc, ap, rs, cs, bp, bs, off, tile); break;
            case 3: Kernel<N3, TV, TB>(kc, ap, rs, cs, bp, bs, off, tile); break;
            case 2: Kernel<N2, TV, TB>(kc, ap, rs, cs, bp, bs, off, tile); break;
            default: Kernel<N1, TV, TB>(kc, ap, rs, cs, bp, bs, off, tile); break;
        }
    }

    /// <summary>One tile of an implicit-GEMM convolution: C[0..mr, 0..nr) = (add ? C : 0) + Σ_p A[r + p·cs] · B[off[p] + j],
    /// mr in 1..6 (<see cref="TileRows"/> gives the split), nr in 1..16; B rows are read 8 or 16 wide (masked stores
    /// only), so the 16 floats after b + off[p] + nr − 1 must be readable.</summary>
    internal static void OffsetTile(int mr, int nr, int kc, float* a, nint cs, float* b, int* off, float* c, int ldc, bool add)
    {
        var tile = new Tile(c, ldc, nr, add, null, false);
        if (nr > 8) RunTile<N2, Offsets>(mr, kc, a, 1, cs, b, 0, off, tile);
        else RunTile<N1, Offsets>(mr, kc, a, 1, cs, b, 0, off, tile);
    }

    /// <summary>Rows of the micro-tile that starts <paramref name="rem"/> rows before the end of a row block: MR, except
    /// that the last 7 or 8 rows go as 4 + 3 or 4 + 4 (a 1- or 2-row tile keeps too few accumulators in flight to hide
    /// the FMA latency; M = 8 output channels would otherwise run as 6 + 2).</summary>
    internal static int TileRows(int rem) => rem is 7 or 8 ? 4 : Math.Min(MR, rem);

    // Width of a packed B panel: NR, or 8 for a last panel at most 8 columns wide (the 8-wide kernel reads it).
    private static int PanelWidth(int nr) => nr > 8 ? NR : 8;

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
                    int w = PanelWidth(nr);
                    for (int p = 0; p < kc; p++, src += ldb, d += w)
                    {
                        int j = 0;
                        for (; j < nr; j++) d[j] = src[j];
                        for (; j < w; j++) d[j] = 0f;
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
                int w = PanelWidth(nr);
                for (int j = 0; j < w; j++)
                {
                    if (j < nr)
                    {
                        float* src = b + (long)(jc + jr + j) * ldb + pc;
                        for (int p = 0; p < kc; p++) d[p * w + j] = src[p];
                    }
                    else
                    {
                        for (int p = 0; p < kc; p++) d[p * w + j] = 0f;
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

    // Packs op(A)[ic:ic+mc, pc:pc+kc] into panels of TileRows rows laid out [panel][kc][rows], panel at dst + ir·kc.
    private static void PackA(int mc, int kc, float* a, int lda, bool transA, int ic, int pc, float* dst)
    {
        for (int ir = 0, mr; ir < mc; ir += mr)
        {
            mr = TileRows(mc - ir);
            float* d = dst + ir * kc;
            if (!transA)
            {
                for (int i = 0; i < mr; i++)
                {
                    float* src = a + (long)(ic + ir + i) * lda + pc;
                    for (int p = 0; p < kc; p++) d[p * mr + i] = src[p];
                }
            }
            else
            {
                // op(A)[i, p] = A[p*lda + i]
                float* src = a + (long)pc * lda + ic + ir;
                for (int p = 0; p < kc; p++, src += lda, d += mr)
                    for (int i = 0; i < mr; i++) d[i] = src[i];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        System.Runtime.Intrinsics.X86.Fma.IsSupported ? System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(a, b, c) : Vector256.FusedMultiplyAdd(a, b, c);

    /// <summary>A compile-time count: the micro-kernel is specialised per row count (1..6) and column vectors (1 or 2).</summary>
    private interface ICount { static abstract int Value { get; } }
    private struct N1 : ICount { public static int Value => 1; }
    private struct N2 : ICount { public static int Value => 2; }
    private struct N3 : ICount { public static int Value => 3; }
    private struct N4 : ICount { public static int Value => 4; }
    private struct N5 : ICount { public static int Value => 5; }
    private struct N6 : ICount { public static int Value => 6; }

    /// <summary>Where row p of a micro-kernel's B operand starts.</summary>
    private interface IRows { static abstract float* Row(float* b, nint bs, int* off, int p); }
    /// <summary>Rows bs floats apart (a matrix or a packed panel).</summary>
    private struct Strided : IRows { public static float* Row(float* b, nint bs, int* off, int p) => b + p * bs; }
    /// <summary>Rows at b + off[p] (an implicit-GEMM convolution: row p is the input shifted by kernel tap p).</summary>
    private struct Offsets : IRows { public static float* Row(float* b, nint bs, int* off, int p) => b + off[p]; }

    // Where a micro-tile's results go: row i at c + i·ldc, nr ≤ 8·TV columns written (masked beyond), added to
    // the previous values when add, then bias[0..nr) added when bias is not null, then clamped at 0 when relu.
    private readonly struct Tile(float* c, int ldc, int nr, bool add, float* bias, bool relu)
    {
        public readonly float* C = c;
        public readonly int Ldc = ldc, Nr = nr;
        public readonly bool Add = add, Relu = relu;
        public readonly float* Bias = bias;
    }

    // TR rows × 8·TV columns. A element (r, p) is at a[r·rs + p·cs]; B row p (8·TV floats, zero-padded) at TB.Row(b, bs, off, p).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel<TR, TV, TB>(int kc, float* a, nint rs, nint cs, float* b0p, nint bs, int* off, in Tile t)
        where TR : struct, ICount where TV : struct, ICount where TB : struct, IRows
    {
        bool two = TV.Value == 2;
        nint o2 = 2 * rs, o3 = 3 * rs, o4 = 4 * rs, o5 = 5 * rs;
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++, a += cs)
        {
            float* b = TB.Row(b0p, bs, off, p);
            var b0 = Vector256.Load(b);
            var b1 = two ? Vector256.Load(b + 8) : default;
            var av = Vector256.Create(a[0]); c00 = Fma(av, b0, c00); if (two) c01 = Fma(av, b1, c01);
            if (TR.Value > 1) { av = Vector256.Create(a[rs]); c10 = Fma(av, b0, c10); if (two) c11 = Fma(av, b1, c11); }
            if (TR.Value > 2) { av = Vector256.Create(a[o2]); c20 = Fma(av, b0, c20); if (two) c21 = Fma(av, b1, c21); }
            if (TR.Value > 3) { av = Vector256.Create(a[o3]); c30 = Fma(av, b0, c30); if (two) c31 = Fma(av, b1, c31); }
            if (TR.Value > 4) { av = Vector256.Create(a[o4]); c40 = Fma(av, b0, c40); if (two) c41 = Fma(av, b1, c41); }
            if (TR.Value > 5) { av = Vector256.Create(a[o5]); c50 = Fma(av, b0, c50); if (two) c51 = Fma(av, b1, c51); }
        }
        float* c = t.C;
        Row<TV>(c, c00, c01, t);
        if (TR.Value > 1) Row<TV>(c + t.Ldc, c10, c11, t);
        if (TR.Value > 2) Row<TV>(c + 2L * t.Ldc, c20, c21, t);
        if (TR.Value > 3) Row<TV>(c + 3L * t.Ldc, c30, c31, t);
        if (TR.Value > 4) Row<TV>(c + 4L * t.Ldc, c40, c41, t);
        if (TR.Value > 5) Row<TV>(c + 5L * t.Ldc, c50, c51, t);
    }

    // Writes one tile row: the first 8 columns from lo, the next 8 from hi (when TV = 2), masked to t.Nr columns.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row<TV>(float* c, Vector256<float> lo, Vector256<float> hi, in Tile t) where TV : struct, ICount
    {
        if (TV.Value == 2)
        {
            Part(c, lo, 8, t.Add, t.Bias, t.Relu);
            Part(c + 8, hi, t.Nr - 8, t.Add, t.Bias is null ? null : t.Bias + 8, t.Relu);
        }
        else
        {
            Part(c, lo, t.Nr, t.Add, t.Bias, t.Relu);
        }
    }

    // c[0..cols) = (add ? c : 0) + v (+ bias) (clamped at 0 when relu), cols in 1..8 (masked loads and stores below 8).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Part(float* c, Vector256<float> v, int cols, bool add, float* bias, bool relu)
    {
        if (cols >= 8)
        {
            if (add) v += Vector256.Load(c);
            if (bias is not null) v += Vector256.Load(bias);
            if (relu) v = Simd.Relu(v);
            Vector256.Store(v, c);
        }
        else if (Avx.IsSupported)
        {
            var mask = Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(cols)).AsSingle();
            if (add) v += Avx.MaskLoad(c, mask);
            if (bias is not null) v += Avx.MaskLoad(bias, mask);
            if (relu) v = Simd.Relu(v);
            Avx.MaskStore(c, mask, v);
        }
        else
        {
            for (int j = 0; j < cols; j++)
            {
                float x = add ? c[j] + v[j] : v[j];
                x = bias is null ? x : x + bias[j];
                c[j] = relu ? Simd.Relu(x) : x;
            }
        }
    }
}
