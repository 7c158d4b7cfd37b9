using RlFramework.Models;
using RlFramework.Models.Modules;
using RlFramework.Models.Optimizers;
using RlFramework.Models.Routing;

namespace RlFramework.Agents.Routing.Learners;

/// <summary>
/// Trains a routing network jointly (the routing papers' Algorithm 2): a forward pass records each sample's route, the
/// module loss and the router loss are summed and back-propagated together, and one optimizer for the modules and one
/// for the router (learning rate × <see cref="RoutingConfig.RouterLearningRateFactor"/>) step together; modules no
/// sample of the batch took are not stepped.
/// </summary>
public sealed class RoutingTrainer
{
    private readonly Optimizer _modules, _router;
    private readonly Generator _random;
    private readonly CollaborationReward _collaboration;

    /// <summary>Creates the trainer; <paramref name="seed"/> drives the router's exploration.</summary>
    public RoutingTrainer(RoutingNetwork network, RoutingConfig config, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        (Network, Config) = (network, config);
        Learner = RouterLearner.Create(config);
        if (Learner.Heads != network.Router.Heads)
            throw new ArgumentException($"The {config.Algorithm} learner reads {Learner.Heads} outputs per action but the router has {network.Router.Heads}.", nameof(network));
        if (Learner is WplRouterLearner && network.Router is not TaskDispatchedRouter)
            throw new ArgumentException($"WPL learns a tabular policy: it needs a {nameof(TaskDispatchedRouter)}, not a {network.Router.GetName()}.", nameof(network));
        _modules = CreateOptimizer(network.ModuleParameters(), config.LearningRate);
        _router = CreateOptimizer(network.Router.parameters(), config.LearningRate * config.RouterLearningRateFactor);
        _random = new Generator(seed);
        _collaboration = new CollaborationReward(network.Router.Depth, network.Router.Actions, config.CollaborationWindow, config.CollaborationAlpha);
    }

    private Optimizer CreateOptimizer(IEnumerable<Parameter> parameters, double rate) =>
        Config.Optimizer == RoutingOptimizer.Adam ? torch.optim.Adam(parameters, rate) : torch.optim.SGD(parameters, rate);

    /// <summary>The network trained.</summary>
    public RoutingNetwork Network { get; }
    /// <summary>The hyperparameters.</summary>
    public RoutingConfig Config { get; }
    /// <summary>The router's learning rule.</summary>
    public RouterLearner Learner { get; }
    /// <summary>Training steps taken.</summary>
    public long Steps { get; private set; }

    /// <summary>The router's exploration rate at the next step.</summary>
    public double Epsilon => Config.EpsilonAt(Steps);

    /// <summary>The learner for <paramref name="config"/> and a router's initial table row for it (tabular routers start from it).</summary>
    public static float[] InitialTableRow(RoutingConfig config, int actions) => RouterLearner.Create(config).InitialTableRow(actions);

    /// <summary>One joint step on a batch.</summary>
    /// <param name="input">The batch [B, ...].</param>
    /// <param name="tasks">Each sample's task id.</param>
    /// <param name="sampleLoss">The per-sample loss [B] of the network output.</param>
    /// <param name="correct">For <see cref="FinalRewardKind.Correctness"/>: which samples count as correct, given the output and the per-sample losses.</param>
    /// <param name="roles">Per sample, which losses it feeds (empty: all samples feed both).</param>
    public RoutingStepResult Step(Tensor input, ReadOnlySpan<int> tasks, Func<Tensor, Tensor> sampleLoss, Func<Tensor, float[], bool[]>? correct = null,
        ReadOnlySpan<DataRole> roles = default)
    {
        ArgumentNullException.ThrowIfNull(sampleLoss);
        int batch = tasks.Length;
        if (!roles.IsEmpty && roles.Length != batch) throw new ArgumentException($"Data roles must be given for all {batch} samples or none; got {roles.Length}.", nameof(roles));
        if (Config.FinalReward == FinalRewardKind.Correctness && correct is null)
            throw new ArgumentException("The correctness final reward needs a function telling which samples are correct.", nameof(correct));
        using var scope = torch.NewDisposeScope();
        double epsilon = Epsilon;
        var routed = Network.Route(input, tasks, Learner, epsilon, _random);
        var perSample = sampleLoss(routed.Output);
        if (perSample.shape.Length != 1 || perSample.shape[0] != batch)
            throw new ArgumentException($"The per-sample loss must have shape [{batch}]; got [{string.Join(", ", perSample.shape)}].", nameof(sampleLoss));
        var losses = perSample.data<float>().ToArray();
        var final = new float[batch];
        if (Config.FinalReward == FinalRewardKind.Correctness)
        {
            var right = correct!(routed.Output, losses);
            for (int i = 0; i < batch; i++) final[i] = right[i] ? 1f : -1f;
        }
        else
        {
            for (int i = 0; i < batch; i++) final[i] = -losses[i];
        }

        var trajectory = routed.Trajectory;
        var stepRewards = _collaboration.Rewards(routed.Decisions, trajectory);
        var moduleWeights = new float[batch];
        var routerWeights = new float[batch];
        for (int i = 0; i < batch; i++)
        {
            var role = roles.IsEmpty ? DataRole.Both : roles[i];
            double squash = Config.Kappa == 0 ? 1 : Math.Pow(1 - (double)trajectory.ExploratoryCount(i) / trajectory.Length(i), Config.Kappa);
            moduleWeights[i] = role == DataRole.Router ? 0 : (float)squash;
            routerWeights[i] = role == DataRole.Modules ? 0 : 1;
        }
        var moduleLoss = (perSample * torch.tensor(moduleWeights, [batch])).sum() / batch;
        var routerLoss = Learner.Loss(routed.Decisions, stepRewards, final, routerWeights, batch);
        // Gradients set to none (PyTorch's zero_grad(set_to_none=True)): a module no sample took gets no gradient, so the
        // optimizer leaves it alone (no momentum step on an unused path), and a resumed run matches an uninterrupted one.
        foreach (var parameter in Network.parameters()) parameter.grad = null;
        (moduleLoss + routerLoss).backward();
        _modules.step();
        _router.step();
        Learner.AfterStep(Network.Router);
        Steps++;
        return new RoutingStepResult(losses.Average(), routerLoss.item<float>(), final.Average(), epsilon, trajectory);
    }

    /// <summary>
    /// Everything besides the network's weights that resumes training exactly: both optimizers' state, the step count,
    /// the exploration random state and the collaboration windows (tensors and metadata, as safetensors stores them).
    /// </summary>
    public (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) GetTrainingState()
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["steps"] = Steps.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["random"] = string.Join(',', _random.get_state()),
        };
        foreach (var (name, optimizer) in new[] { ("modules", _modules), ("router", _router) })
        {
            foreach (var (key, tensor) in optimizer.state_dict()) tensors[$"{name}.{key}"] = tensor;
            foreach (var (key, value) in optimizer.metadata()) metadata[$"{name}.{key}"] = value;
        }
        tensors["collaboration"] = torch.tensor(_collaboration.GetState());
        return (tensors, metadata);
    }

    /// <summary>Restores what <see cref="GetTrainingState"/> returned.</summary>
    public void LoadTrainingState(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(metadata);
        foreach (var (name, optimizer) in new[] { ("modules", _modules), ("router", _router) })
        {
            string prefix = name + ".";
            optimizer.load_state_dict(tensors.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[prefix.Length..], p => p.Value, StringComparer.Ordinal));
            optimizer.load_metadata(metadata.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[prefix.Length..], p => p.Value, StringComparer.Ordinal));
        }
        Steps = long.Parse(metadata["steps"], System.Globalization.CultureInfo.InvariantCulture);
        _random.set_state(metadata["random"].Split(',').Select(v => ulong.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        _collaboration.SetState(tensors["collaboration"].data<float>());
    }

    /// <summary>Greedy routes and outputs for a batch, without gradients (the caller owns the dispose scope of the output).</summary>
    public RoutedOutput Evaluate(Tensor input, ReadOnlySpan<int> tasks)
    {
        using var noGrad = torch.no_grad();
        return Network.Route(input, tasks, Learner);
    }
}
