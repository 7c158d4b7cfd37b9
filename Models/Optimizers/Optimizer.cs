using System.Globalization;
using RlFramework.Models.Modules;
using RlFramework.Models.Serialization;

namespace RlFramework.Models.Optimizers;

/// <summary>
/// Base of the optimizers: holds the parameters, per-parameter state buffers and step counts,
/// <c>zero_grad()</c>, <c>step()</c>, and a state dict that checkpoints carry so training resumes exactly.
/// </summary>
public abstract class Optimizer
{
    private readonly Parameter[] _params;
    private readonly List<(string Name, float[]?[] Buffers)> _slots = new();
    private readonly long[] _steps;
    private readonly string _name;

    /// <summary>Creates the optimizer over <paramref name="parameters"/> with learning rate <paramref name="lr"/>.</summary>
    protected Optimizer(string name, IEnumerable<Parameter> parameters, double lr)
    {
        _name = name;
        _params = parameters.ToArray();
        if (_params.Length == 0) throw new ArgumentException($"{name}: optimizer got an empty parameter list");
        if (lr < 0) throw new ArgumentException($"{name}: invalid learning rate {lr}");
        _steps = new long[_params.Length];
        this.lr = lr;
        initial_lr = lr;
    }

    /// <summary>Current learning rate (schedulers change it).</summary>
    public double lr { get; set; }

    /// <summary>Learning rate at construction (schedulers start from it).</summary>
    public double initial_lr { get; }

    /// <summary>The optimized parameters.</summary>
    public IReadOnlyList<Parameter> parameters() => _params;

    /// <summary>Registers a named per-parameter state buffer (allocated on first use).</summary>
    protected int AddSlot(string name)
    {
        _slots.Add((name, new float[]?[_params.Length]));
        return _slots.Count - 1;
    }

    /// <summary>State buffer <paramref name="slot"/> of parameter <paramref name="i"/>, allocated zeroed on first use.</summary>
    protected Span<float> State(int slot, int i) => _slots[slot].Buffers[i] ??= new float[_params[i]._numel];

    /// <summary>Whether the buffer of <paramref name="slot"/> for parameter <paramref name="i"/> exists yet.</summary>
    protected bool HasState(int slot, int i) => _slots[slot].Buffers[i] is not null;

    /// <summary>Zeroes all gradients (keeping the buffers).</summary>
    public void zero_grad()
    {
        foreach (var p in _params) p._grad?.Span.Clear();
    }

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    public void step()
    {
        for (int i = 0; i < _params.Length; i++)
        {
            var p = _params[i];
            if (p._grad is null) continue;
            _steps[i]++;
            Update(i, p.Span, p._grad.Span, _steps[i]);
        }
    }

    /// <summary>The update rule for parameter <paramref name="i"/> at step <paramref name="step"/> (1-based).</summary>
    protected abstract void Update(int i, Span<float> param, ReadOnlySpan<float> grad, long step);

    /// <summary>Hyperparameters saved as metadata (beyond lr).</summary>
    protected virtual IEnumerable<(string Key, double Value)> Hyperparameters() => [];

    /// <summary>State tensors: <c>state.{i}.{slot}</c> buffers and <c>state.{i}.step</c> counts.</summary>
    public Dictionary<string, Tensor> state_dict()
    {
        var d = new Dictionary<string, Tensor>();
        for (int i = 0; i < _params.Length; i++)
        {
            d[$"state.{i}.step"] = torch.tensor([(float)_steps[i]], [1]).DetachFromDisposeScope();
            foreach (var (name, bufs) in _slots)
                if (bufs[i] is { } b) d[$"state.{i}.{name}"] = torch.tensor(b, (long[])_params[i].shape).DetachFromDisposeScope();
        }
        return d;
    }

    /// <summary>Restores state from <see cref="state_dict"/> output, checking parameter count and shapes.</summary>
    public void load_state_dict(IReadOnlyDictionary<string, Tensor> state)
    {
        foreach (var key in state.Keys)
        {
            var parts = key.Split('.');
            if (parts.Length != 3 || parts[0] != "state" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int i) || i >= _params.Length)
                throw new ArgumentException($"{_name}.load_state_dict: unexpected key '{key}' (optimizer has {_params.Length} parameters)");
            if (parts[2] != "step" && _slots.FindIndex(s => s.Name == parts[2]) < 0)
                throw new ArgumentException($"{_name}.load_state_dict: unknown state '{parts[2]}' in key '{key}'");
        }
        for (int i = 0; i < _params.Length; i++)
        {
            _steps[i] = state.TryGetValue($"state.{i}.step", out var s) ? (long)s.Span[0] : 0;
            foreach (var (name, bufs) in _slots)
            {
                if (state.TryGetValue($"state.{i}.{name}", out var t))
                {
                    if (!t._shape.AsSpan().SequenceEqual(_params[i]._shape))
                        throw new ArgumentException($"{_name}.load_state_dict: 'state.{i}.{name}' has shape {t.ShapeStr} but parameter {i} has shape {_params[i].ShapeStr}");
                    t.Span.CopyTo(bufs[i] ??= new float[_params[i]._numel]);
                }
                else
                {
                    bufs[i] = null;
                }
            }
        }
    }

    /// <summary>Metadata describing the optimizer (type, lr, hyperparameters).</summary>
    public Dictionary<string, string> metadata()
    {
        var m = new Dictionary<string, string> { ["optimizer"] = _name, ["lr"] = lr.ToString("R", CultureInfo.InvariantCulture) };
        foreach (var (k, v) in Hyperparameters()) m[k] = v.ToString("R", CultureInfo.InvariantCulture);
        return m;
    }

    /// <summary>Restores lr from metadata, checking the optimizer type.</summary>
    public void load_metadata(IReadOnlyDictionary<string, string> meta)
    {
        if (meta.TryGetValue("optimizer", out var n) && n != _name)
            throw new ArgumentException($"{_name}: checkpoint holds state of a {n} optimizer");
        if (meta.TryGetValue("lr", out var l)) lr = double.Parse(l, CultureInfo.InvariantCulture);
    }

    /// <summary>Writes the optimizer state to a safetensors file.</summary>
    public void save(string path) => SafeTensors.Save(path, state_dict(), metadata());

    /// <summary>Loads optimizer state from a safetensors file.</summary>
    public void load(string path)
    {
        var (t, meta) = SafeTensors.Load(path);
        load_metadata(meta);
        load_state_dict(t);
    }
}
