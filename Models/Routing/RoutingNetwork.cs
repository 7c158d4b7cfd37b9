using RlFramework.Models.Modules;

namespace RlFramework.Models.Routing;

/// <summary>
/// A routing network: an optional input module, routed layers (one per depth, M modules each, width W in and out), an
/// output head, and a router that picks each sample's module depth by depth (a hard decision per sample). The router
/// sees the activation detached from the modules' graph, so router and module gradients stay separate.
/// </summary>
public sealed class RoutingNetwork : Module
{
    private readonly Module<Tensor, Tensor>? _input;
    private readonly RoutedLayer[] _layers;
    private readonly Module<Tensor, Tensor> _head;
    private readonly Router _router;

    /// <summary>Assembles the network; the router must have one depth per layer and M modules (the smallest layer's count).</summary>
    public RoutingNetwork(Module<Tensor, Tensor>? input, IReadOnlyList<RoutedLayer> layers, Module<Tensor, Tensor> head, Router router)
        : base("RoutingNetwork")
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(router);
        if (layers.Count != router.Depth) throw new ArgumentException($"The router routes {router.Depth} depths but the network has {layers.Count} routed layers.", nameof(router));
        for (int d = 0; d < layers.Count; d++)
        {
            if (layers[d].Count != router.Modules)
                throw new ArgumentException($"Routed layer {d} has {layers[d].Count} modules but the router chooses among {router.Modules}.", nameof(layers));
        }

        (_input, _layers, _head, _router) = (input, [.. layers], head, router);
        if (input is not null) register_module("input", input);
        for (int d = 0; d < _layers.Length; d++) register_module("layer" + d.ToString(System.Globalization.CultureInfo.InvariantCulture), _layers[d]);
        register_module("head", head);
        register_module("router", router);
    }

    /// <summary>The router.</summary>
    public Router Router => _router;

    /// <summary>The routed layers, by depth.</summary>
    public IReadOnlyList<RoutedLayer> Layers => _layers;

    /// <summary>The parameters of everything but the router (input, modules, head).</summary>
    public IEnumerable<Parameter> ModuleParameters() =>
        named_parameters().Where(p => !p.name.StartsWith("router.", StringComparison.Ordinal)).Select(p => p.parameter);

    /// <summary>Routes a batch: the router chooses each sample's action depth by depth (through <paramref name="policy"/>), modules apply.</summary>
    /// <param name="input">The batch [B, ...].</param>
    /// <param name="tasks">Each sample's task id (meta-information; routers over activations ignore it).</param>
    /// <param name="policy">Reads the router's outputs to choose actions (a router learner).</param>
    /// <param name="epsilon">The router's exploration rate.</param>
    /// <param name="random">The random source of exploration, or null for greedy routes.</param>
    public RoutedOutput Route(Tensor input, ReadOnlySpan<int> tasks, IRouterPolicy policy, double epsilon = 0, Generator? random = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(policy);
        int batch = (int)input.shape[0];
        if (tasks.Length != batch) throw new ArgumentException($"Routing needs one task id per sample: {batch} samples but {tasks.Length} task ids.", nameof(tasks));
        if (policy.Heads != _router.Heads) throw new ArgumentException($"The router policy reads {policy.Heads} outputs per action but the router has {_router.Heads}.", nameof(policy));
        var h = _input?.forward(input) ?? input;
        var active = Enumerable.Range(0, batch).ToArray();
        var decisions = new List<RouterDecisions>();
        int actions = _router.Actions, width = _router.Heads * actions;
        for (int d = 0; d < _layers.Length && active.Length > 0; d++)
        {
            var state = h.detach();
            if (active.Length != batch) state = state.index_select(0, torch.tensor(active.Select(i => (float)i).ToArray(), [active.Length]));
            var activeTasks = new int[active.Length];
            for (int k = 0; k < active.Length; k++) activeTasks[k] = tasks[active[k]];
            var outputs = _router.Outputs(state, activeTasks, d);
            var values = outputs.data<float>();
            var chosen = new int[active.Length];
            var behaviour = new float[active.Length];
            var exploratory = new bool[active.Length];
            var layerActions = new int[batch];
            Array.Fill(layerActions, -1);
            for (int k = 0; k < active.Length; k++)
            {
                chosen[k] = policy.Select(values.Slice(k * width, width), actions, epsilon, random, out exploratory[k], out behaviour[k]);
                layerActions[active[k]] = chosen[k];
            }
            decisions.Add(new RouterDecisions(d, active, outputs, chosen, behaviour, exploratory));
            h = _layers[d].Forward(h, layerActions);
            int terminate = _router.TerminateAction;
            if (terminate >= 0) active = active.Where((_, k) => chosen[k] != terminate).ToArray();
        }
        return new RoutedOutput(_head.forward(h), new RoutingTrajectory(tasks, _layers.Length, decisions), decisions);
    }
}
