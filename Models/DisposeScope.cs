namespace RlFramework.Models;

/// <summary>
/// TorchSharp-style dispose scope: every tensor created while it is the innermost scope on this thread is
/// disposed (its storage returned to the pool) when the scope is disposed, unless moved out of it.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? t_current;
    [ThreadStatic] private static Stack<DisposeScope>? t_free;

    private readonly List<Tensor> _tensors = new(64);
    private DisposeScope? _outer;
    private bool _open;

    private DisposeScope() { }

    internal static DisposeScope? Current => t_current;

    internal static DisposeScope Open()
    {
        var scope = t_free is { Count: > 0 } free ? free.Pop() : new DisposeScope();
        scope._outer = t_current;
        scope._open = true;
        t_current = scope;
        return scope;
    }

    /// <summary>The scope that was current when this one was opened (null at the outermost level).</summary>
    public DisposeScope? OuterScope => _outer;

    /// <summary>Number of tensors currently owned by this scope.</summary>
    public int Count => _tensors.Count;

    internal void Add(Tensor t)
    {
        t._scope = this;
        _tensors.Add(t);
    }

    internal void Remove(Tensor t)
    {
        // Lazy removal: the tensor's scope field no longer points here, so Dispose skips it.
        t._scope = null;
    }

    /// <summary>Disposes every tensor still owned by the scope and makes the outer scope current again.</summary>
    public void Dispose()
    {
        if (!_open) return;
        _open = false;
        foreach (var t in _tensors)
            if (ReferenceEquals(t._scope, this)) { t._scope = null; t.Dispose(); Tensor.Recycle(t); }
        _tensors.Clear();
        if (ReferenceEquals(t_current, this)) t_current = _outer;
        _outer = null;
        (t_free ??= new Stack<DisposeScope>()).Push(this);
    }
}
