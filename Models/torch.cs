using RlFramework.Models.Autograd;
using RlFramework.Models.Kernels;

namespace RlFramework.Models;

/// <summary>Entry point with PyTorch/TorchSharp names: tensor creation, seeding, grad modes and free-function ops.</summary>
public static partial class torch
{
    private static Generator s_default = new(0);

    /// <summary>The default generator used when none is passed.</summary>
    public static Generator default_generator => s_default;

    /// <summary>Seeds the default generator; returns it.</summary>
    public static Generator manual_seed(long seed) => s_default.manual_seed(seed);

    /// <summary>Float32 element type marker.</summary>
    public const ScalarType float32 = ScalarType.Float32;

    /// <summary>Sets the process-wide number of threads used by large matrix products (the default of every thread
    /// without a <see cref="thread_budget"/>).</summary>
    public static void set_num_threads(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), $"set_num_threads: need at least 1 thread, got {threads}");
        Gemm.MaxThreads = threads;
    }

    /// <summary>The process-wide number of threads used by large matrix products.</summary>
    public static int get_num_threads() => Gemm.MaxThreads;

    /// <summary>
    /// Limits the matrix products called on this thread to <paramref name="threads"/> threads until the scope is
    /// disposed: <c>using (torch.thread_budget(1)) { ... }</c>. Unlike <see cref="set_num_threads"/> it changes nothing
    /// for other threads, so a library passes its caller's budget this way.
    /// </summary>
    public static ThreadBudgetScope thread_budget(int threads) => ThreadBudgetScope.Enter(threads);

    /// <summary>Scope in which ops record no gradient tape: <c>using (torch.no_grad()) { ... }</c>.</summary>
    public static GradModeScope no_grad() => GradModeScope.Enter();

    /// <summary>Whether ops currently record the gradient tape on this thread.</summary>
    public static bool is_grad_enabled() => GradMode.Enabled;

    /// <summary>
    /// Bytes of tensor storage handed out by the storage pool and not given back (the CPU analogue of
    /// torch.cuda.memory_allocated). Storage of tensors the GC reclaimed without disposal stays counted, so compare
    /// differences, e.g. before and after a forward pass inside a <see cref="NewDisposeScope"/>.
    /// </summary>
    public static long memory_allocated() => Kernels.BufferPool.OutstandingBytes;

    /// <summary>Opens a dispose scope: tensors created inside are disposed with it (TorchSharp's memory idiom).</summary>
    public static DisposeScope NewDisposeScope() => DisposeScope.Open();

    private static int[] ToShape(ReadOnlySpan<long> size)
    {
        var s = new int[size.Length];
        for (int i = 0; i < s.Length; i++)
        {
            if (size[i] < 0 || size[i] > int.MaxValue) throw new ArgumentException($"invalid dimension {size[i]}");
            s[i] = (int)size[i];
        }
        return s;
    }

    /// <summary>Tensor from values with the given shape (default: 1-D).</summary>
    public static Tensor tensor(float[] data, long[]? dimensions = null, bool requires_grad = false)
    {
        var shape = dimensions is null ? [data.Length] : ToShape(dimensions);
        if (Tensor.Numel(shape) != data.Length) throw new ArgumentException($"tensor: {data.Length} values do not fill shape {Tensor.ShapeString(shape)}");
        var t = Tensor.Empty(shape);
        data.CopyTo(t.Span);
        t._requiresGrad = requires_grad;
        return t;
    }

    /// <summary>Tensor from a span of values with the given shape (1-D when no shape is given).</summary>
    public static Tensor tensor(ReadOnlySpan<float> data, params long[] dimensions)
    {
        var shape = dimensions.Length == 0 ? [data.Length] : ToShape(dimensions);
        if (Tensor.Numel(shape) != data.Length) throw new ArgumentException($"tensor: {data.Length} values do not fill shape {Tensor.ShapeString(shape)}");
        var t = Tensor.Empty(shape);
        data.CopyTo(t.Span);
        return t;
    }

    /// <summary>0-dimensional tensor holding one value.</summary>
    public static Tensor tensor(float value, bool requires_grad = false)
    {
        var t = Tensor.Empty([]);
        t.Span[0] = value;
        t._requiresGrad = requires_grad;
        return t;
    }

    /// <summary>Tensor of a 2-D array.</summary>
    public static Tensor tensor(float[,] data, bool requires_grad = false)
    {
        int r = data.GetLength(0), c = data.GetLength(1);
        var t = Tensor.Empty([r, c]);
        var s = t.Span;
        for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) s[i * c + j] = data[i, j];
        t._requiresGrad = requires_grad;
        return t;
    }

    /// <summary>Uninitialised tensor.</summary>
    public static Tensor empty(params long[] size) => Tensor.Empty(ToShape(size));

    /// <summary>Tensor of zeros.</summary>
    public static Tensor zeros(params long[] size) => Tensor.Empty(ToShape(size), clear: true);

    /// <summary>Tensor of zeros.</summary>
    public static Tensor zeros(long[] size, bool requires_grad)
    {
        var t = zeros(size);
        t._requiresGrad = requires_grad;
        return t;
    }

    /// <summary>Tensor of ones.</summary>
    public static Tensor ones(params long[] size) => full(size, 1f);

    /// <summary>Tensor filled with <paramref name="value"/>.</summary>
    public static Tensor full(long[] size, float value)
    {
        var t = Tensor.Empty(ToShape(size));
        t.Span.Fill(value);
        return t;
    }

    /// <summary>Zeros of the same shape.</summary>
    public static Tensor zeros_like(Tensor t) => Tensor.Empty(t._shape, clear: true);

    /// <summary>Ones of the same shape.</summary>
    public static Tensor ones_like(Tensor t) => full(t.shape, 1f);

    /// <summary>0, 1, ..., end-1 as a 1-D tensor.</summary>
    public static Tensor arange(long end) => arange(0, end, 1);

    /// <summary>start, start+step, ... below end.</summary>
    public static Tensor arange(double start, double end, double step = 1)
    {
        if (step == 0) throw new ArgumentException("arange: step must be nonzero");
        int n = Math.Max(0, (int)Math.Ceiling((end - start) / step));
        var t = Tensor.Empty([n]);
        var s = t.Span;
        for (int i = 0; i < n; i++) s[i] = (float)(start + i * step);
        return t;
    }

    /// <summary>Uniform samples in [0, 1).</summary>
    public static Tensor rand(long[] size, Generator? generator = null)
    {
        var t = Tensor.Empty(ToShape(size));
        (generator ?? s_default).FillUniform(t.Span, 0, 1);
        return t;
    }

    /// <summary>Uniform samples in [0, 1).</summary>
    public static Tensor rand(params long[] size) => rand(size, null);

    /// <summary>Standard normal samples.</summary>
    public static Tensor randn(long[] size, Generator? generator = null)
    {
        var t = Tensor.Empty(ToShape(size));
        (generator ?? s_default).FillNormal(t.Span, 0, 1);
        return t;
    }

    /// <summary>Standard normal samples.</summary>
    public static Tensor randn(params long[] size) => randn(size, null);

    /// <summary>Uniform integers in [low, high) as float values.</summary>
    public static Tensor randint(long low, long high, long[] size, Generator? generator = null)
    {
        var t = Tensor.Empty(ToShape(size));
        var g = generator ?? s_default;
        var s = t.Span;
        for (int i = 0; i < s.Length; i++) s[i] = low + g.NextInt64(high - low);
        return t;
    }

    // ---------------------------------------------------------------- free-function ops

    /// <summary>Concatenation along <paramref name="dim"/>.</summary>
    public static Tensor cat(IList<Tensor> tensors, long dim = 0) => Tensor.Cat(Tensor.AsSpan(tensors), (int)dim);

    /// <summary>Concatenation along <paramref name="dim"/>.</summary>
    public static Tensor concat(IList<Tensor> tensors, long dim = 0) => Tensor.Cat(Tensor.AsSpan(tensors), (int)dim);

    /// <summary>Stacks along a new dimension.</summary>
    public static Tensor stack(IList<Tensor> tensors, long dim = 0) => Tensor.Stack(Tensor.AsSpan(tensors), (int)dim);

    /// <summary>Elementwise condition ? x : y.</summary>
    public static Tensor where(Tensor condition, Tensor x, Tensor y) => Tensor.Where(condition, x, y);

    /// <summary>Matrix product (see <see cref="Tensor.matmul"/>).</summary>
    public static Tensor matmul(Tensor a, Tensor b) => a.matmul(b);

    /// <summary>2-D matrix product.</summary>
    public static Tensor mm(Tensor a, Tensor b) => a.mm(b);

    /// <summary>Batched matrix product.</summary>
    public static Tensor bmm(Tensor a, Tensor b) => a.bmm(b);

    /// <summary>Outer product.</summary>
    public static Tensor outer(Tensor a, Tensor b) => a.outer(b);

    /// <summary>Elementwise e^x.</summary>
    public static Tensor exp(Tensor x) => x.exp();

    /// <summary>Elementwise log.</summary>
    public static Tensor log(Tensor x) => x.log();

    /// <summary>Elementwise tanh.</summary>
    public static Tensor tanh(Tensor x) => x.tanh();

    /// <summary>Elementwise sigmoid.</summary>
    public static Tensor sigmoid(Tensor x) => x.sigmoid();

    /// <summary>Elementwise ReLU.</summary>
    public static Tensor relu(Tensor x) => x.relu();

    /// <summary>Elementwise sqrt.</summary>
    public static Tensor sqrt(Tensor x) => x.sqrt();

    /// <summary>Elementwise |x|.</summary>
    public static Tensor abs(Tensor x) => x.abs();

    /// <summary>Elementwise power.</summary>
    public static Tensor pow(Tensor x, double exponent) => x.pow(exponent);

    /// <summary>Clamp into [min, max].</summary>
    public static Tensor clamp(Tensor x, double? min = null, double? max = null) => x.clamp(min, max);

    /// <summary>Softmax along a dimension.</summary>
    public static Tensor softmax(Tensor x, long dim) => x.softmax((int)dim);

    /// <summary>Log-softmax along a dimension.</summary>
    public static Tensor log_softmax(Tensor x, long dim) => x.log_softmax((int)dim);

    /// <summary>Sum of all elements.</summary>
    public static Tensor sum(Tensor x) => x.sum();

    /// <summary>Mean of all elements.</summary>
    public static Tensor mean(Tensor x) => x.mean();

    /// <summary>Index of the maximum along a dimension.</summary>
    public static Tensor argmax(Tensor x, long dim, bool keepdim = false) => x.argmax((int)dim, keepdim);
}
