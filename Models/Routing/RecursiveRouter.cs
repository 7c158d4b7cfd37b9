using RlFramework.Models.Modules;

namespace RlFramework.Models.Routing;

/// <summary>
/// A single router over the activation and the depth (one-hot) for every depth, with a terminate action that ends
/// the route early (the sample keeps its activation from there on). Ignores task ids.
/// </summary>
public sealed class RecursiveRouter : Router
{
    private readonly Sequential _net;

    /// <summary>Creates the router over activations of width <paramref name="width"/> for up to <paramref name="depth"/> decisions.</summary>
    public RecursiveRouter(int depth, int width, int modules, bool skip, int heads, int hidden, Generator generator)
        : base("RecursiveRouter", depth, modules, skip, terminate: true, heads)
    {
        ArgumentNullException.ThrowIfNull(generator);
        _net = RouterNet.Create(width + depth, hidden, heads * Actions, generator);
        register_module("net", _net);
    }

    /// <inheritdoc/>
    public override Tensor Outputs(Tensor activations, ReadOnlySpan<int> tasks, int depth)
    {
        if ((uint)depth >= (uint)Depth) throw new ArgumentOutOfRangeException(nameof(depth), depth, $"The router has depths 0..{Depth - 1}.");
        int n = (int)activations.shape[0];
        var oneHot = new float[n * Depth];
        for (int i = 0; i < n; i++) oneHot[i * Depth + depth] = 1f;
        return _net.forward(torch.cat([activations, torch.tensor(oneHot, [n, Depth])], 1));
    }
}
