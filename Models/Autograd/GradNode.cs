namespace RlFramework.Models.Autograd;

/// <summary>Backward function of one recorded op: receives the gradient of the op's output.</summary>
internal delegate void BackwardFn(float[] gradOutput);

/// <summary>
/// One node of the gradient tape: the op's name, its inputs, its backward function and saved state.
/// Hot ops record through a static function pointer and the saved-state fields, and nodes are pooled per
/// thread, so a steady-state training step allocates no tape objects; other ops use a closure.
/// </summary>
internal sealed unsafe class GradNode
{
    [ThreadStatic] private static Stack<GradNode>? t_pool;

    /// <summary>Stands in for a node whose graph was freed by a backward pass.</summary>
    public static readonly GradNode Freed = new() { Name = "(freed graph)" };

    private Tensor?[] _inputs = new Tensor?[8];

    /// <summary>Name of the op that produced the tensor (used in errors and anomaly reports).</summary>
    public string Name = "";

    /// <summary>Number of inputs.</summary>
    public int Count;

    /// <summary>The op's output tensor (whose gradient this node receives).</summary>
    public Tensor? Output;

    /// <summary>Static backward function (fast path).</summary>
    public delegate*<GradNode, float[], void> Fn;

    /// <summary>Closure backward function (general path).</summary>
    public BackwardFn? Closure;

    /// <summary>Saved scratch buffers (returned to the pool by the backward function or on release).</summary>
    public float[]? Buf0, Buf1;

    /// <summary>Saved integer parameters.</summary>
    public int I0, I1, I2, I3;

    /// <summary>Saved float parameters.</summary>
    public float F0, F1;

    /// <summary>Saved op kind.</summary>
    public int Kind;

    /// <summary>Input <paramref name="i"/>.</summary>
    public Tensor Input(int i) => _inputs[i]!;

    /// <summary>Whether a backward pass has already run through and freed this node.</summary>
    public bool Released => Fn == null && Closure is null;

    /// <summary>Gets a node from the thread's pool (or a new one) for a fast-path op.</summary>
    public static GradNode Rent(string name, delegate*<GradNode, float[], void> fn, Tensor output, int count)
    {
        var n = t_pool is { Count: > 0 } pool ? pool.Pop() : new GradNode();
        n.Name = name;
        n.Fn = fn;
        n.Output = output;
        n.Count = count;
        if (n._inputs.Length < count) n._inputs = new Tensor?[Math.Max(count, 2 * n._inputs.Length)];
        return n;
    }

    /// <summary>Creates a closure-based node.</summary>
    public static GradNode FromClosure(string name, Tensor output, Tensor[] inputs, BackwardFn fn)
    {
        var n = Rent(name, null, output, inputs.Length);
        n.Closure = fn;
        for (int i = 0; i < inputs.Length; i++) n._inputs[i] = inputs[i];
        return n;
    }

    /// <summary>Sets input <paramref name="i"/>.</summary>
    public void SetInput(int i, Tensor t) => _inputs[i] = t;

    /// <summary>Runs the backward function.</summary>
    public void Run(float[] gradOutput)
    {
        if (Closure is not null) Closure(gradOutput);
        else Fn(this, gradOutput);
    }

    /// <summary>Frees the saved state (as PyTorch does after backward), points the output at <see cref="Freed"/> and pools this node.</summary>
    public void Release()
    {
        if (ReferenceEquals(this, Freed)) return;
        if (Output is not null && ReferenceEquals(Output._gradFn, this)) Output._gradFn = Freed;
        Array.Clear(_inputs, 0, Count);
        Count = 0;
        Output = null;
        Fn = null;
        Closure = null;
        if (Buf0 is not null) { Kernels.BufferPool.Return(Buf0); Buf0 = null; }
        if (Buf1 is not null) { Kernels.BufferPool.Return(Buf1); Buf1 = null; }
        (t_pool ??= new Stack<GradNode>()).Push(this);
    }
}
