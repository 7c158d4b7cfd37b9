using System.Globalization;
using System.Text;
using RlFramework.Models.Autograd;
using RlFramework.Models.Kernels;

namespace RlFramework.Models;

/// <summary>
/// A float32 tensor: contiguous row-major storage with a shape, and an optional node of the reverse-mode
/// gradient tape. Names follow TorchSharp/PyTorch (<c>backward()</c>, <c>requires_grad</c>, <c>grad</c>, ...).
/// </summary>
/// <remarks>
/// Index-valued results (argmax, max indices) are float32 tensors holding exact integers (exact below 2^24);
/// index arguments (gather, index_select, one_hot) accept such tensors.
/// <c>reshape</c>/<c>view</c>/<c>flatten</c>/<c>squeeze</c>/<c>unsqueeze</c> and leading-dimension
/// <c>narrow</c>/<c>select</c> share storage; <c>transpose</c>/<c>permute</c> and inner-dimension slices copy.
/// </remarks>
public partial class Tensor : IDisposable
{
    internal float[] _data;
    internal int _offset;
    internal int[] _shape;
    internal int _numel;
    internal bool _owner;
    internal bool _disposed;
    internal bool _requiresGrad;
    internal Tensor? _grad;
    internal GradNode? _gradFn;
    internal float[]? _gradAccum;
    internal int _visit;
    internal DisposeScope? _scope;

    internal Tensor(float[] data, int offset, int[] shape, bool owner, bool register = true)
    {
        _data = data;
        _offset = offset;
        _shape = shape;
        _numel = Numel(shape);
        _owner = owner;
        if (register && DisposeScope.Current is { } scope) scope.Add(this);
    }

    [ThreadStatic] private static Stack<Tensor>[]? t_recycled;

    /// <summary>Whether tensors disposed by a dispose scope are reused as new tensor objects (no allocation in steady state).</summary>
    internal static bool Recycling = true;

    /// <summary>Returns a disposed tensor object to this thread's pool (keyed by rank so its shape array is reused).</summary>
    internal static void Recycle(Tensor t)
    {
        if (!Recycling || !t._disposed || t is Modules.Parameter || t._shape.Length > 6) return;
        var pools = t_recycled ??= new Stack<Tensor>[7];
        var stack = pools[t._shape.Length] ??= new Stack<Tensor>();
        if (stack.Count < 4096) stack.Push(t);
    }

    /// <summary>A tensor object (recycled when possible) over the given storage, with a copy of the shape.</summary>
    internal static Tensor Make(float[] data, int offset, ReadOnlySpan<int> shape, bool owner)
    {
        Tensor t;
        if (t_recycled is { } pools && shape.Length < pools.Length && pools[shape.Length] is { Count: > 0 } stack)
        {
            t = stack.Pop();
            shape.CopyTo(t._shape);
            t._data = data;
            t._offset = offset;
            t._numel = Numel(shape);
            t._owner = owner;
            t._disposed = false;
            t._requiresGrad = false;
            t._grad = null;
            t._gradFn = null;
            t._gradAccum = null;
            t._scope = null;
            if (DisposeScope.Current is { } scope) scope.Add(t);
        }
        else
        {
            t = new Tensor(data, offset, shape.ToArray(), owner);
        }

        return t;
    }

    internal static int Numel(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (var d in shape) n *= d;
        if (n > int.MaxValue) throw new ArgumentException($"tensor of shape {ShapeString(shape)} has more than 2^31-1 elements");
        return (int)n;
    }

    /// <summary>Creates an uninitialised (pooled) result tensor of the given shape.</summary>
    internal static Tensor Empty(ReadOnlySpan<int> shape, bool clear = false)
    {
        foreach (var d in shape) if (d < 0) throw new ArgumentException($"negative dimension in shape {ShapeString(shape)}");
        return Make(BufferPool.Rent(Numel(shape), clear), 0, shape, owner: true);
    }

    /// <summary>Storage of this tensor as a span.</summary>
    internal Span<float> Span
    {
        get
        {
            if (_disposed) throw new ObjectDisposedException(nameof(Tensor), "tensor was disposed (by Dispose or its DisposeScope)");
            return _data.AsSpan(_offset, _numel);
        }
    }

    internal bool NeedsGrad => _requiresGrad || _gradFn is not null;

    // ---------------------------------------------------------------- shape info

    /// <summary>Shape (sizes of every dimension).</summary>
    public long[] shape
    {
        get
        {
            var s = new long[_shape.Length];
            for (int i = 0; i < s.Length; i++) s[i] = _shape[i];
            return s;
        }
    }

    /// <summary>Number of dimensions.</summary>
    public long Dimensions => _shape.Length;

    /// <summary>Number of dimensions.</summary>
    public long ndim => _shape.Length;

    /// <summary>Number of dimensions.</summary>
    public int dim() => _shape.Length;

    /// <summary>Size of dimension <paramref name="dim"/> (negative counts from the end).</summary>
    public long size(int dim) => _shape[NormDim(dim, _shape.Length, "size")];

    /// <summary>Number of elements.</summary>
    public long numel() => _numel;

    /// <summary>Element type: always float32 here.</summary>
    public ScalarType dtype => ScalarType.Float32;

    internal static int NormDim(int dim, int rank, string op)
    {
        int d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= Math.Max(rank, 1)) throw new ArgumentOutOfRangeException(nameof(dim), $"{op}: dimension {dim} out of range for a tensor with {rank} dimensions");
        return d;
    }

    internal static string ShapeString(ReadOnlySpan<int> shape)
    {
        var sb = new StringBuilder("[");
        for (int i = 0; i < shape.Length; i++) { if (i > 0) sb.Append(", "); sb.Append(shape[i]); }
        return sb.Append(']').ToString();
    }

    internal string ShapeStr => ShapeString(_shape);

    // ---------------------------------------------------------------- autograd surface

    /// <summary>Whether gradients flow to this tensor (true for leaves marked so and for op results on them).</summary>
    public bool requires_grad
    {
        get => NeedsGrad;
        set
        {
            if (_gradFn is not null && !value) throw new InvalidOperationException("requires_grad: cannot turn off gradients of a non-leaf tensor; use detach()");
            _requiresGrad = value && _gradFn is null;
        }
    }

    /// <summary>Sets <see cref="requires_grad"/> and returns this tensor.</summary>
    public Tensor requires_grad_(bool requires_grad = true)
    {
        this.requires_grad = requires_grad;
        return this;
    }

    /// <summary>Whether this tensor is a leaf of the graph (not produced by a recorded op).</summary>
    public bool is_leaf => _gradFn is null;

    /// <summary>Accumulated gradient of a leaf after <see cref="backward()"/>; null until one flowed.</summary>
    public Tensor? grad
    {
        get => _grad;
        set
        {
            if (value is not null && !value._shape.AsSpan().SequenceEqual(_shape))
                throw new ArgumentException($"grad: shape {value.ShapeStr} does not match tensor shape {ShapeStr}");
            _grad = value;
        }
    }

    /// <summary>Name of the op that produced this tensor, or null for a leaf.</summary>
    public string? grad_fn => _gradFn?.Name;

    /// <summary>A tensor sharing this storage but cut from the graph.</summary>
    public Tensor detach() => Make(_data, _offset, _shape, owner: false);

    /// <summary>Gradient destination span for this tensor during backward, or empty if it needs none.</summary>
    internal Span<float> GradSpan()
    {
        if (_gradFn is not null)
        {
            _gradAccum ??= BufferPool.Rent(_numel, clear: true);
            return _gradAccum;
        }
        if (_requiresGrad)
        {
            _grad ??= new Tensor(new float[_numel], 0, (int[])_shape.Clone(), owner: false, register: false);
            return _grad.Span;
        }
        return default;
    }

    [ThreadStatic] private static List<Tensor>? t_order;
    [ThreadStatic] private static Stack<(Tensor, int)>? t_stack;
    private static int s_epoch;

    /// <summary>Computes gradients of this (scalar) tensor with respect to every leaf that requires grad and accumulates them in <c>grad</c>.</summary>
    public void backward() => backward(null);

    /// <summary>Backward pass seeded with <paramref name="gradient"/> (required for non-scalar tensors).</summary>
    public void backward(Tensor? gradient)
    {
        if (gradient is not null && !gradient._shape.AsSpan().SequenceEqual(_shape))
            throw new ArgumentException($"backward: gradient shape {gradient.ShapeStr} does not match tensor shape {ShapeStr}");
        if (gradient is null && _numel != 1)
            throw new InvalidOperationException($"backward: grad can be implicitly created only for scalar outputs, but this tensor has shape {ShapeStr}");
        if (_gradFn is null)
        {
            if (!_requiresGrad)
                throw new InvalidOperationException("backward: this tensor does not require grad and has no grad_fn: it has no graph (it was not computed from tensors with requires_grad=true, was computed under no_grad, or was detached)");
            var g = GradSpan();
            if (gradient is null) g[0] += 1f; else TensorPrimitivesAdd(g, gradient.Span);
            return;
        }
        if (_gradFn.Released)
            throw new InvalidOperationException($"backward: trying to backward through the graph a second time (the graph was freed by an earlier backward)");

        var order = t_order ??= new List<Tensor>(256);
        var stack = t_stack ??= new Stack<(Tensor, int)>(256);
        order.Clear();
        int epoch = Interlocked.Increment(ref s_epoch);
        _visit = epoch;
        stack.Push((this, 0));
        while (stack.Count > 0)
        {
            var (t, i) = stack.Pop();
            var tn = t._gradFn!;
            if (i < tn.Count)
            {
                stack.Push((t, i + 1));
                var child = tn.Input(i);
                if (child._gradFn is not null && child._visit != epoch)
                {
                    if (child._gradFn.Released)
                        throw new InvalidOperationException($"backward: trying to backward through the graph a second time (the graph was freed by an earlier backward)");
                    child._visit = epoch;
                    stack.Push((child, 0));
                }
            }
            else
            {
                order.Add(t);
            }
        }

        var seed = GradSpan();
        if (gradient is null) seed[0] += 1f; else TensorPrimitivesAdd(seed, gradient.Span);
        bool anomaly = GradMode.DetectAnomaly;
        using (torch.no_grad())
        {
            for (int k = order.Count - 1; k >= 0; k--)
            {
                var t = order[k];
                var node = t._gradFn!;
                var acc = t._gradAccum;
                if (acc is not null)
                {
                    node.Run(acc);
                    if (anomaly) CheckBackwardAnomaly(node);
                    t._gradAccum = null;
                    BufferPool.Return(acc);
                }
                node.Release();
            }
        }
        order.Clear();
    }

    private static void CheckBackwardAnomaly(GradNode node)
    {
        for (int i = 0; i < node.Count; i++)
        {
            var input = node.Input(i);
            ReadOnlySpan<float> g = input._gradFn is not null ? input._gradAccum : input._grad is { } gr ? gr.Span : default;
            foreach (var v in g)
            {
                if (!float.IsFinite(v))
                    throw new InvalidOperationException($"anomaly: backward of '{node.Name}' produced a NaN/inf gradient for an input of shape {input.ShapeStr}");
            }
        }
    }

    private static void TensorPrimitivesAdd(Span<float> dst, ReadOnlySpan<float> src) =>
        System.Numerics.Tensors.TensorPrimitives.Add(dst, src, dst);

    /// <summary>Records the op on the tape when needed and runs the anomaly check; returns this.</summary>
    internal Tensor Record(string name, Tensor[] inputs, BackwardFn fn)
    {
        _gradFn = GradNode.FromClosure(name, this, inputs, fn);
        return this;
    }

    /// <summary>Records a fast-path op (static backward, pooled node); the caller sets inputs and saved state.</summary>
    internal unsafe GradNode RecordFast(string name, delegate*<GradNode, float[], void> fn, int inputCount)
    {
        var node = GradNode.Rent(name, fn, this, inputCount);
        _gradFn = node;
        return node;
    }

    /// <summary>Anomaly check of a freshly computed op output.</summary>
    internal Tensor Checked(string name)
    {
        if (GradMode.DetectAnomaly)
        {
            foreach (var v in Span)
            {
                if (!float.IsFinite(v))
                    throw new InvalidOperationException($"anomaly: op '{name}' produced NaN/inf in its output of shape {ShapeStr}");
            }
        }

        return this;
    }

    internal static bool Tracking(Tensor a) => a.NeedsGrad && GradMode.Enabled;

    internal static bool Tracking(Tensor a, Tensor b) => (a.NeedsGrad || b.NeedsGrad) && GradMode.Enabled;

    // ---------------------------------------------------------------- values

    /// <summary>The single value of a one-element tensor, converted to <typeparamref name="T"/>.</summary>
    public T item<T>() where T : unmanaged
    {
        if (_numel != 1) throw new InvalidOperationException($"item: tensor of shape {ShapeStr} has {_numel} elements, expected exactly 1");
        float v = Span[0];
        if (typeof(T) == typeof(float)) return (T)(object)v;
        if (typeof(T) == typeof(double)) return (T)(object)(double)v;
        if (typeof(T) == typeof(long)) return (T)(object)(long)v;
        if (typeof(T) == typeof(int)) return (T)(object)(int)v;
        if (typeof(T) == typeof(bool)) return (T)(object)(v != 0f);
        throw new NotSupportedException($"item: unsupported element type {typeof(T).Name}");
    }

    /// <summary>The elements as a span over the storage (read and write; float only).</summary>
    public Span<float> data<T>() where T : unmanaged
    {
        if (typeof(T) != typeof(float)) throw new NotSupportedException($"data: tensors hold float32, not {typeof(T).Name}");
        return Span;
    }

    /// <summary>Copy of the elements in row-major order.</summary>
    public float[] ToArray() => Span.ToArray();

    /// <summary>Short text form: values (up to 16) and shape.</summary>
    public override string ToString()
    {
        if (_disposed) return "tensor(<disposed>)";
        var sb = new StringBuilder("tensor([");
        var s = Span;
        for (int i = 0; i < Math.Min(s.Length, 16); i++) { if (i > 0) sb.Append(", "); sb.Append(s[i].ToString("G6", CultureInfo.InvariantCulture)); }
        if (s.Length > 16) sb.Append(", ...");
        sb.Append("], shape=").Append(ShapeStr);
        if (_gradFn is not null) sb.Append(", grad_fn=").Append(_gradFn.Name);
        else if (_requiresGrad) sb.Append(", requires_grad=True");
        return sb.Append(')').ToString();
    }

    // ---------------------------------------------------------------- lifetime

    /// <summary>Returns the storage to the pool (if this tensor owns it). Using the tensor afterwards throws.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        // A disposed tensor can no longer take part in a backward pass: free (and pool) its tape node.
        if (_gradFn is { Released: false } fn) fn.Release();
        if (_owner) BufferPool.Return(_data);
        _data = [];
        _scope?.Remove(this);
        if (_gradAccum is not null) { BufferPool.Return(_gradAccum); _gradAccum = null; }
    }

    /// <summary>Moves this tensor out of its dispose scope into the enclosing one (or none); returns this.</summary>
    public Tensor MoveToOuterDisposeScope()
    {
        var outer = _scope?.OuterScope;
        _scope?.Remove(this);
        outer?.Add(this);
        return this;
    }

    /// <summary>Removes this tensor from any dispose scope (it lives until disposed or collected); returns this.</summary>
    public Tensor DetachFromDisposeScope()
    {
        _scope?.Remove(this);
        return this;
    }
}
