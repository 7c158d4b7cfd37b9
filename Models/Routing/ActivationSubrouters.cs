using RlFramework.Models.Modules;

namespace RlFramework.Models.Routing;

/// <summary>
/// One small network per routed depth over the current activation (Linear, ReLU, Linear; a single Linear when the
/// hidden size is 0): per-layer subrouters, the easier routing problem. Ignores task ids.
/// </summary>
public sealed class ActivationSubrouters : Router
{
    private readonly Sequential[] _nets;

    /// <summary>Creates one subrouter per depth over activations of width <paramref name="width"/>.</summary>
    public ActivationSubrouters(int depth, int width, int modules, bool skip, int heads, int hidden, Generator generator)
        : base("ActivationSubrouters", depth, modules, skip, terminate: false, heads)
    {
        ArgumentNullException.ThrowIfNull(generator);
        _nets = new Sequential[depth];
        for (int d = 0; d < depth; d++)
        {
            _nets[d] = RouterNet.Create(width, hidden, heads * Actions, generator);
            register_module(d.ToString(System.Globalization.CultureInfo.InvariantCulture), _nets[d]);
        }
    }

    /// <inheritdoc/>
    public override Tensor Outputs(Tensor activations, ReadOnlySpan<int> tasks, int depth) => _nets[depth].forward(activations);
}
