using System.Text.Json;
using System.Text.Json.Serialization;
using RlFramework.Models.Routing;

namespace RlFramework.Agents.Routing.Learners;

/// <summary>
/// Every hyperparameter of router training (<see cref="RoutingTrainer"/>). Defaults follow the routing papers and
/// their reference code: plain SGD, router learning rate 0.3 × the module rate, a collaboration window of 256
/// decisions, α = 0, κ = 0, high early exploration falling to ε = 0.1. In JSON the names are snake_case.
/// </summary>
public sealed record RoutingConfig
{
    /// <summary>The router's learning algorithm.</summary>
    public RouterAlgorithm Algorithm { get; init; } = RouterAlgorithm.QLearning;
    /// <summary>The modules' learning rate.</summary>
    public double LearningRate { get; init; } = 0.1;
    /// <summary>The router's learning rate as a multiple of <see cref="LearningRate"/>.</summary>
    public double RouterLearningRateFactor { get; init; } = 0.3;
    /// <summary>The optimizer of modules and router.</summary>
    public RoutingOptimizer Optimizer { get; init; } = RoutingOptimizer.Sgd;
    /// <summary>Router exploration ε at the first training step (ε-greedy algorithms).</summary>
    public double StartEpsilon { get; init; } = 0.5;
    /// <summary>Router exploration ε after <see cref="ExplorationSteps"/> training steps.</summary>
    public double EndEpsilon { get; init; } = 0.1;
    /// <summary>Training steps over which ε falls linearly from start to end.</summary>
    public long ExplorationSteps { get; init; } = 2000;
    /// <summary>β of advantage learning: how much of the action gap max Q(s) − Q(s, a) is subtracted from the target.</summary>
    public double AdvantageBeta { get; init; } = 0.5;
    /// <summary>Collaboration reward weight α in [−1, 1]: positive favours sharing modules, negative favours diversity.</summary>
    public double CollaborationAlpha { get; init; }
    /// <summary>The number of recent decisions per depth over which the collaboration reward counts an action's share.</summary>
    public int CollaborationWindow { get; init; } = 256;
    /// <summary>κ: module updates of a sample are scaled by (1 − exploratory decisions / trajectory length)^κ; 0 leaves them alone.</summary>
    public double Kappa { get; init; }
    /// <summary>The final reward of a trajectory.</summary>
    public FinalRewardKind FinalReward { get; init; } = FinalRewardKind.Correctness;
    /// <summary>A layer's usage share above which the diagnostics flag it as collapsed onto one module.</summary>
    public double CollapseShare { get; init; } = 0.9;

    /// <summary>The JSON options of config files: snake_case names, enums as strings, unknown fields refused.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };

    /// <summary>Reads a config from JSON; fields left out keep their defaults.</summary>
    /// <exception cref="ArgumentException">The JSON is malformed, has an unknown field or a value out of range.</exception>
    public static RoutingConfig FromJson(string json)
    {
        RoutingConfig config;
        try
        {
            config = JsonSerializer.Deserialize<RoutingConfig>(json, JsonOptions) ?? throw new ArgumentException("The routing config is empty (null).");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Invalid routing config: {e.Message}", e);
        }
        config.Validate();
        return config;
    }

    /// <summary>The config as JSON, in the form <see cref="FromJson"/> reads.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Throws when a value is out of its range; the message names the field and the value.</summary>
    public void Validate()
    {
        static void Require(bool ok, string field, object value, string expected)
        {
            if (!ok) throw new ArgumentException($"Routing config {field} = {value} is invalid: expected {expected}.");
        }
        Require(Enum.IsDefined(Algorithm), "algorithm", Algorithm, "q_learning, advantage, reinforce, reinforce_epsilon or wpl");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), "learning_rate", LearningRate, "a positive number");
        Require(RouterLearningRateFactor > 0 && double.IsFinite(RouterLearningRateFactor), "router_learning_rate_factor", RouterLearningRateFactor, "a positive number");
        Require(StartEpsilon is >= 0 and <= 1, "start_epsilon", StartEpsilon, "a number in [0, 1]");
        Require(EndEpsilon is >= 0 and <= 1, "end_epsilon", EndEpsilon, "a number in [0, 1]");
        Require(ExplorationSteps > 0, "exploration_steps", ExplorationSteps, "a positive number");
        Require(AdvantageBeta is >= 0 and < 1, "advantage_beta", AdvantageBeta, "a number in [0, 1)");
        Require(CollaborationAlpha is >= -1 and <= 1, "collaboration_alpha", CollaborationAlpha, "a number in [-1, 1]");
        Require(CollaborationWindow > 0, "collaboration_window", CollaborationWindow, "a positive number");
        Require(Kappa >= 0 && double.IsFinite(Kappa), "kappa", Kappa, "a non-negative number");
        Require(CollapseShare is > 0 and <= 1, "collapse_share", CollapseShare, "a number in (0, 1]");
    }

    /// <summary>The router's ε after <paramref name="step"/> training steps: linear from start to end, then constant.</summary>
    public double EpsilonAt(long step) =>
        step >= ExplorationSteps ? EndEpsilon : StartEpsilon + (EndEpsilon - StartEpsilon) * step / ExplorationSteps;
}
