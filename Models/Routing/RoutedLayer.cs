using RlFramework.Models.Modules;

namespace RlFramework.Models.Routing;

/// <summary>
/// One routed depth: M modules mapping a width-W activation to width W (their architectures may differ), of which each
/// sample uses the one its route picked; an action ≥ M (skip, terminate) or −1 passes the sample through unchanged.
/// The batch is grouped by module, so every module runs one batched forward pass over its samples.
/// </summary>
public sealed class RoutedLayer : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor>[] _modules;

    /// <summary>Creates the layer from its modules (registered as "0", "1", ...).</summary>
    public RoutedLayer(IReadOnlyList<Module<Tensor, Tensor>> modules) : base("RoutedLayer")
    {
        ArgumentNullException.ThrowIfNull(modules);
        if (modules.Count == 0) throw new ArgumentException("A routed layer needs at least one module.", nameof(modules));
        _modules = [.. modules];
        for (int m = 0; m < _modules.Length; m++)
            register_module(m.ToString(System.Globalization.CultureInfo.InvariantCulture), _modules[m] ?? throw new ArgumentNullException(nameof(modules), $"Module {m} is null."));
    }

    /// <summary>The number of modules M.</summary>
    public int Count => _modules.Length;

    /// <summary>Module <paramref name="index"/>.</summary>
    public Module<Tensor, Tensor> this[int index] => _modules[index];

    /// <summary>Not routed: throws, since a routed layer needs one action per sample (use <see cref="Forward"/>).</summary>
    public override Tensor forward(Tensor input) =>
        throw new InvalidOperationException("A routed layer needs the route: call Forward(input, actions).");

    /// <summary>Applies module <c>actions[i]</c> to row i of <paramref name="input"/> [B, W]; other actions leave the row unchanged.</summary>
    public Tensor Forward(Tensor input, ReadOnlySpan<int> actions)
    {
        ArgumentNullException.ThrowIfNull(input);
        int batch = (int)input.shape[0];
        if (actions.Length != batch) throw new ArgumentException($"A routed layer needs one action per sample: {batch} rows but {actions.Length} actions.", nameof(actions));
        var groups = new List<int>[_modules.Length + 1]; // the last group passes through
        for (int i = 0; i < batch; i++)
        {
            int g = actions[i] >= 0 && actions[i] < _modules.Length ? actions[i] : _modules.Length;
            (groups[g] ??= []).Add(i);
        }
        if (groups[_modules.Length]?.Count == batch) return input;
        for (int m = 0; m < _modules.Length; m++)
            if (groups[m]?.Count == batch) return _modules[m].forward(input);
        var parts = new List<Tensor>();
        var order = new float[batch];
        int position = 0;
        for (int g = 0; g < groups.Length; g++)
        {
            if (groups[g] is not { } rows) continue;
            var index = new float[rows.Count];
            for (int k = 0; k < rows.Count; k++) { index[k] = rows[k]; order[rows[k]] = position++; }
            var x = input.index_select(0, torch.tensor(index, [rows.Count]));
            parts.Add(g < _modules.Length ? _modules[g].forward(x) : x);
        }
        return torch.cat(parts, 0).index_select(0, torch.tensor(order, [batch]));
    }
}
