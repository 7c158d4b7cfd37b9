using RlFramework.Models.Modules;

namespace RlFramework.Models.Routing;

/// <summary>
/// Picks, for each sample and routed depth, an action: one of the depth's modules, optionally skip (no module), and for
/// a recursive router terminate (stop routing). It outputs <see cref="Heads"/> numbers per action (Q-values, logits,
/// or a policy and its Q-values), read by an <see cref="IRouterPolicy"/> (a router learner).
/// </summary>
public abstract class Router : Module
{
    /// <summary>Creates a router over <paramref name="modules"/> modules per depth, with a skip action if <paramref name="skip"/>.</summary>
    protected Router(string name, int depth, int modules, bool skip, bool terminate, int heads) : base(name)
    {
        if (depth <= 0) throw new ArgumentOutOfRangeException(nameof(depth), depth, "A router needs at least one routed depth.");
        if (modules <= 0) throw new ArgumentOutOfRangeException(nameof(modules), modules, "A router needs at least one module per depth.");
        if (heads <= 0) throw new ArgumentOutOfRangeException(nameof(heads), heads, "A router needs at least one output per action.");
        (Depth, Modules, HasSkip, HasTerminate, Heads) = (depth, modules, skip, terminate, heads);
        Actions = modules + (skip ? 1 : 0) + (terminate ? 1 : 0);
    }

    /// <summary>The number of routed depths.</summary>
    public int Depth { get; }
    /// <summary>Modules per depth M (actions 0..M−1).</summary>
    public int Modules { get; }
    /// <summary>Whether action M skips the depth.</summary>
    public bool HasSkip { get; }
    /// <summary>Whether the last action terminates the route.</summary>
    public bool HasTerminate { get; }
    /// <summary>The number of actions per decision.</summary>
    public int Actions { get; }
    /// <summary>Outputs per action.</summary>
    public int Heads { get; }
    /// <summary>The terminate action, or −1.</summary>
    public int TerminateAction => HasTerminate ? Actions - 1 : -1;

    /// <summary>The router's outputs [n, Heads·Actions] (head-major) for n samples at <paramref name="depth"/>.</summary>
    /// <param name="activations">The samples' current activations [n, W] (detached from the modules' graph).</param>
    /// <param name="tasks">The samples' task ids (meta-information; routers over activations ignore them).</param>
    /// <param name="depth">The routed depth, from 0.</param>
    public abstract Tensor Outputs(Tensor activations, ReadOnlySpan<int> tasks, int depth);
}
