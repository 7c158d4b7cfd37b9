using System.Text.Json;

namespace RlFramework.Agents.Dqn;

/// <summary>
/// Every hyperparameter of <see cref="DqnAgent"/>; the defaults are CleanRL's dqn.py for CartPole. In JSON config
/// files the names are snake_case (learning_rate, buffer_size, ...); an unknown or mistyped field is an error.
/// </summary>
public sealed record DqnConfig
{
    /// <summary>Total env steps of the run (sets the exploration schedule's length unless <see cref="TotalEpisodes"/> is set).</summary>
    public long TotalTimesteps { get; init; } = 500_000;

    /// <summary>
    /// A run's budget in episodes, when it is given in episodes: epsilon then falls over the exploration fraction of
    /// these episodes (finished episodes of all envs) instead of <see cref="TotalTimesteps"/>; null for a budget in steps.
    /// </summary>
    public long? TotalEpisodes { get; init; }
    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 2.5e-4;
    /// <summary>Replay buffer capacity in transitions.</summary>
    public int BufferSize { get; init; } = 10_000;
    /// <summary>Discount factor.</summary>
    public double Gamma { get; init; } = 0.99;
    /// <summary>Target network update rate: 1 copies the weights, below 1 is a soft (Polyak) update.</summary>
    public double Tau { get; init; } = 1.0;
    /// <summary>Env steps between target network updates.</summary>
    public int TargetNetworkFrequency { get; init; } = 500;
    /// <summary>Transitions per gradient step.</summary>
    public int BatchSize { get; init; } = 128;
    /// <summary>Exploration rate at the start.</summary>
    public double StartEpsilon { get; init; } = 1.0;
    /// <summary>Exploration rate at the end of the schedule.</summary>
    public double EndEpsilon { get; init; } = 0.05;
    /// <summary>The share of the run over which epsilon falls linearly from start to end.</summary>
    public double ExplorationFraction { get; init; } = 0.5;
    /// <summary>Env steps before learning starts.</summary>
    public long LearningStarts { get; init; } = 10_000;
    /// <summary>Env steps between gradient steps.</summary>
    public int TrainFrequency { get; init; } = 10;
    /// <summary>The Q-network's hidden layer sizes (ReLU between them).</summary>
    public int[] HiddenSizes { get; init; } = [120, 84];
    /// <summary>Double DQN: the online network picks the next action, the target network values it.</summary>
    public bool DoubleDqn { get; init; }
    /// <summary>The TD loss.</summary>
    public DqnLoss Loss { get; init; } = DqnLoss.Mse;
    /// <summary>Steps of reward summed before bootstrapping (n-step returns); 1 is plain one-step DQN.</summary>
    public int NSteps { get; init; } = 1;
    /// <summary>Clip the gradient's global L2 norm to this value; null for no clipping.</summary>
    public double? MaxGradNorm { get; init; }

    /// <summary>The JSON options of config files: snake_case names, enums as strings, unknown fields refused.</summary>
    public static JsonSerializerOptions JsonOptions => ConfigJson.Options;

    /// <summary>Reads a config from JSON; fields left out keep their defaults.</summary>
    /// <exception cref="ArgumentException">The JSON is malformed, has an unknown field or a value out of range; the message names it.</exception>
    public static DqnConfig FromJson(string json)
    {
        var config = ConfigJson.Read<DqnConfig>(json, "DQN config");
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
            if (!ok) throw new ArgumentException($"DQN config {field} = {value} is invalid: expected {expected}.");
        }
        Require(TotalTimesteps > 0, "total_timesteps", TotalTimesteps, "a positive number");
        Require(TotalEpisodes is null or > 0, "total_episodes", TotalEpisodes ?? 0, "a positive number or null");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), "learning_rate", LearningRate, "a positive number");
        Require(BufferSize > 0, "buffer_size", BufferSize, "a positive number");
        Require(Gamma is >= 0 and <= 1, "gamma", Gamma, "a number in [0, 1]");
        Require(Tau is > 0 and <= 1, "tau", Tau, "a number in (0, 1]");
        Require(TargetNetworkFrequency > 0, "target_network_frequency", TargetNetworkFrequency, "a positive number");
        Require(BatchSize > 0, "batch_size", BatchSize, "a positive number");
        Require(StartEpsilon is >= 0 and <= 1, "start_epsilon", StartEpsilon, "a number in [0, 1]");
        Require(EndEpsilon is >= 0 and <= 1, "end_epsilon", EndEpsilon, "a number in [0, 1]");
        Require(ExplorationFraction is > 0 and <= 1, "exploration_fraction", ExplorationFraction, "a number in (0, 1]");
        Require(LearningStarts >= 0, "learning_starts", LearningStarts, "a non-negative number");
        Require(TrainFrequency > 0, "train_frequency", TrainFrequency, "a positive number");
        Require(HiddenSizes is { Length: > 0 } && HiddenSizes.All(h => h > 0), "hidden_sizes", HiddenSizes is null ? "null" : $"[{string.Join(", ", HiddenSizes)}]", "one or more positive sizes");
        Require(NSteps is >= 1 and <= 100, "n_steps", NSteps, "a number of steps from 1 to 100");
        Require(MaxGradNorm is null or > 0, "max_grad_norm", MaxGradNorm ?? 0, "a positive number or null");
    }

    /// <summary>Epsilon after <paramref name="step"/> env steps: linear from start to end over the exploration fraction, then constant.</summary>
    public double EpsilonAt(long step) => LinearEpsilon(step, TotalTimesteps);

    /// <summary>
    /// Epsilon after <paramref name="steps"/> env steps and <paramref name="episodes"/> finished episodes: the schedule
    /// follows the budget the run was given, <see cref="TotalEpisodes"/> when set, else <see cref="TotalTimesteps"/>.
    /// </summary>
    public double EpsilonAt(long steps, long episodes) => TotalEpisodes is long total ? LinearEpsilon(episodes, total) : LinearEpsilon(steps, TotalTimesteps);

    private double LinearEpsilon(long progress, long total)
    {
        double slope = (EndEpsilon - StartEpsilon) / (ExplorationFraction * total);
        return Math.Max(slope * progress + StartEpsilon, EndEpsilon);
    }
}
