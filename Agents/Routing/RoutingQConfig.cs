using System.Text.Json;
using RlFramework.Agents.Dqn;
using RlFramework.Agents.Routing.Learners;
using RlFramework.Models.Routing;

namespace RlFramework.Agents.Routing;

/// <summary>
/// Hyperparameters of <see cref="RoutingQAgent"/>: the DQN part (replay, target network and tau, double DQN, ε schedule
/// of env actions, batch, loss; its learning rate is the modules' rate and overrides <c>routing.learning_rate</c>;
/// n_steps, max_grad_norm and hidden_sizes are refused unless left at their defaults), the router's
/// training (algorithm, its ε schedule, optimizer, collaboration reward, final reward) and the routed Q-network's shape.
/// In JSON the names are snake_case, the two parts nested as <c>dqn</c> and <c>routing</c>.
/// </summary>
public sealed record RoutingQConfig
{
    /// <summary>The DQN hyperparameters (the routed network's shape is below: hidden_sizes, like n_steps and max_grad_norm, must stay at its default).</summary>
    public DqnConfig Dqn { get; init; } = new()
    {
        TotalTimesteps = 150_000,
        LearningRate = 1e-2,
        BufferSize = 50_000,
        TargetNetworkFrequency = 500,
        BatchSize = 64,
        StartEpsilon = 1.0,
        EndEpsilon = 0.05,
        ExplorationFraction = 0.3,
        LearningStarts = 2_000,
        TrainFrequency = 1,
    };
    /// <summary>
    /// The router's training, as in the routing paper: Q-learning with plain SGD (modules and router), the final reward
    /// ±1 (|TD error| within <see cref="TdTolerance"/>) and router ε falling from 0.5 to 0.01 over 5,000 updates.
    /// Adam and r_f = −TD loss are selectable (<c>routing.optimizer</c>, <c>routing.final_reward</c>).
    /// </summary>
    public RoutingConfig Routing { get; init; } = new()
    {
        Optimizer = RoutingOptimizer.Sgd,
        FinalReward = FinalRewardKind.Correctness,
        StartEpsilon = 0.5,
        EndEpsilon = 0.01,
        ExplorationSteps = 5_000,
    };
    /// <summary>Modules per routed layer.</summary>
    public int Modules { get; init; } = 4;
    /// <summary>The number of routed hidden layers.</summary>
    public int RoutedLayers { get; init; } = 2;
    /// <summary>The width of every hidden activation (input layer, modules).</summary>
    public int Width { get; init; } = 64;
    /// <summary>For the correctness final reward: a sample is correct (+1) when |TD error| is below this tolerance, else −1.</summary>
    public double TdTolerance { get; init; } = 1.0;

    /// <summary>Reads a config from JSON; fields left out keep their defaults.</summary>
    /// <exception cref="ArgumentException">The JSON is malformed, has an unknown field or a value out of range.</exception>
    public static RoutingQConfig FromJson(string json)
    {
        var config = ConfigJson.Read<RoutingQConfig>(json, "routing Q-learner config");
        config.Validate();
        return config;
    }

    /// <summary>The config as JSON, in the form <see cref="FromJson"/> reads.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ConfigJson.Options);

    private static readonly int[] s_defaultHiddenSizes = new DqnConfig().HiddenSizes;

    private static void RefuseUnused(string field, bool unused, object value, string expected)
    {
        if (!unused) throw new ArgumentException($"Routing Q-learner config dqn.{field} = {value} is not supported: expected {expected}.");
    }

    /// <summary>Throws when a value is out of its range or a DQN field the agent does not use is set; the message names the field and the value.</summary>
    public void Validate()
    {
        if (Dqn is null || Routing is null) throw new ArgumentException("Routing Q-learner config: dqn and routing must be given (not null).");
        Dqn.Validate();
        RefuseUnused("n_steps", Dqn.NSteps == 1, Dqn.NSteps, "1: the routing Q-learner learns from one-step targets");
        RefuseUnused("max_grad_norm", Dqn.MaxGradNorm is null, Dqn.MaxGradNorm ?? 0, "null: the routing trainer does not clip gradients");
        RefuseUnused("hidden_sizes", Dqn.HiddenSizes.SequenceEqual(s_defaultHiddenSizes), $"[{string.Join(", ", Dqn.HiddenSizes)}]",
            "left out: the routed network's shape is width, modules and routed_layers");
        Routing.Validate();
        if (Modules <= 0) throw new ArgumentException($"Routing Q-learner config modules = {Modules} is invalid: expected a positive number.");
        if (RoutedLayers <= 0) throw new ArgumentException($"Routing Q-learner config routed_layers = {RoutedLayers} is invalid: expected a positive number.");
        if (Width <= 0) throw new ArgumentException($"Routing Q-learner config width = {Width} is invalid: expected a positive number.");
        if (!(TdTolerance > 0) || !double.IsFinite(TdTolerance)) throw new ArgumentException($"Routing Q-learner config td_tolerance = {TdTolerance} is invalid: expected a positive number.");
    }
}
