using System.Text.Json;
using RlFramework.Agents.Dqn;
using RlFramework.Models;
using RlFramework.Models.EProp;
using RlFramework.Models.Modules;
using RlFramework.Models.Optimizers;

namespace RlFramework.Agents.Drqn;

/// <summary>
/// Every hyperparameter of <see cref="DrqnAgent"/>. The network (LSTM of 32 units + linear readout, input = observation
/// and previous action one-hot), the 200 random episodes before training and Adam at 3e-4 follow Hoyer et al. 2022;
/// the paper leaves the rest open, so the remaining defaults are common DRQN settings. The e-prop extensions are off by
/// default. In JSON config files the names are snake_case (hidden_size, trace_scaling, ...); an unknown field is an error.
/// </summary>
public sealed record DrqnConfig
{
    /// <summary>Gradient of the LSTM: bptt or eprop.</summary>
    public DrqnLearnerKind Learner { get; init; } = DrqnLearnerKind.Bptt;
    /// <summary>LSTM units.</summary>
    public int HiddenSize { get; init; } = 32;
    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 3e-4;
    /// <summary>
    /// Adam's ε, added to √v̂ in the denominator. Adam divides each parameter's gradient by its own running RMS, so a
    /// gradient scaled by a constant κ gives the same update as long as ε is negligible: at PyTorch's 1e-8 trace scaling
    /// has no effect. The default 1e-3 lies below the LSTM's gradients on CartPole (RMS 2e-3 .. 2e-2 per tensor), so
    /// unscaled updates stay Adam-like, and far above κ = 0.01 times them, so scaled gates move ~κ·|g|/ε as much.
    /// </summary>
    public double AdamEpsilon { get; init; } = 1e-3;
    /// <summary>Discount factor.</summary>
    public double Gamma { get; init; } = 0.99;
    /// <summary>Replay capacity in env steps (whole episodes are kept).</summary>
    public int BufferSize { get; init; } = 100_000;
    /// <summary>Episodes of uniformly random actions that fill the buffer before training starts.</summary>
    public int RandomEpisodes { get; init; } = 200;
    /// <summary>Sequences per update.</summary>
    public int BatchSize { get; init; } = 32;
    /// <summary>Steps per replayed window (random-window sampling).</summary>
    public int WindowLength { get; init; } = 10;
    /// <summary>
    /// Burn-in (random windows only; whole episodes start at their first step, where the zero state is the true one): each
    /// window is sampled burn_in steps longer and its first burn_in steps only run the networks from the zero state (no
    /// loss), unless the window starts at its episode's first step (0 = off). The default 5 (R2D2's burn-in, Kapturowski
    /// et al. 2019, at half the 10-step window) solved 4 of 5 flickering CartPole seeds within 3,000 episodes, 3 of 5 without.
    /// </summary>
    public int BurnIn { get; init; } = 5;
    /// <summary>Random windows or whole episodes.</summary>
    public DrqnSampling Sampling { get; init; } = DrqnSampling.RandomWindows;
    /// <summary>Longest replayed episode with whole-episode sampling (longer ones are cut).</summary>
    public int MaxEpisodeLength { get; init; } = 200;
    /// <summary>Env steps (summed over envs) between updates once training has started.</summary>
    public int TrainFrequency { get; init; } = 1;
    /// <summary>Updates between copies of the online network into the target network.</summary>
    public int TargetNetworkFrequency { get; init; } = 250;
    /// <summary>Exploration rate when training starts.</summary>
    public double StartEpsilon { get; init; } = 1.0;
    /// <summary>Exploration rate at the end of the schedule.</summary>
    public double EndEpsilon { get; init; } = 0.05;
    /// <summary>Env steps after the random episodes over which epsilon falls linearly from start to end.</summary>
    public long ExplorationSteps { get; init; } = 5_000;
    /// <summary>Clip the gradient's global L2 norm to this value; null for no clipping.</summary>
    public double? MaxGradNorm { get; init; }
    /// <summary>e-prop learning signal: symmetric (W_out transposed) or random fixed feedback.</summary>
    public LearningSignalFeedback Feedback { get; init; } = LearningSignalFeedback.Symmetric;
    /// <summary>e-prop: error of every step of the sequence (all_steps) or only of its final step (final_step).</summary>
    public EPropAccumulation Accumulation { get; init; } = EPropAccumulation.AllSteps;
    /// <summary>e-prop extension: added to the forget-gate biases after the usual init (1.8 in the paper; 0 = off).</summary>
    public double ForgetGateBias { get; init; }
    /// <summary>e-prop extension: trace echo λ_echo ≥ 0 (0 = off); adds λ_echo L(T) Σ_t e(t) at each sequence's final step.</summary>
    public double TraceEcho { get; init; }
    /// <summary>e-prop extension: trace scaling κ in (0, 1] (1 = off); ε(t) = f ε(t-1) + κ ψ p.</summary>
    public double TraceScaling { get; init; } = 1.0;

    /// <summary>Reads a config from JSON; fields left out keep their defaults.</summary>
    /// <exception cref="ArgumentException">The JSON is malformed, has an unknown field or a value out of range; the message names it.</exception>
    public static DrqnConfig FromJson(string json)
    {
        var config = ConfigJson.Read<DrqnConfig>(json, "DRQN config");
        config.Validate();
        return config;
    }

    /// <summary>The config as JSON, in the form <see cref="FromJson"/> reads.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ConfigJson.Options);

    /// <summary>Adam over <paramref name="parameters"/> with this config's learning rate and ε (the agent's optimizer).</summary>
    public Optimizer CreateOptimizer(IEnumerable<Parameter> parameters) => torch.optim.Adam(parameters, LearningRate, eps: AdamEpsilon);

    /// <summary>The e-prop trace options of this config.</summary>
    public EPropOptions EPropOptions => new(TraceScaling, TraceEcho);

    /// <summary>Throws when a value is out of its range; the message names the field and the value.</summary>
    public void Validate()
    {
        static void Require(bool ok, string field, object value, string expected)
        {
            if (!ok) throw new ArgumentException($"DRQN config {field} = {value} is invalid: expected {expected}.");
        }
        Require(Enum.IsDefined(Learner), "learner", Learner, "bptt or e_prop");
        Require(HiddenSize > 0, "hidden_size", HiddenSize, "a positive number");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), "learning_rate", LearningRate, "a positive number");
        Require(Gamma is >= 0 and <= 1, "gamma", Gamma, "a number in [0, 1]");
        Require(BufferSize > 0, "buffer_size", BufferSize, "a positive number");
        Require(RandomEpisodes >= 0, "random_episodes", RandomEpisodes, "a non-negative number");
        Require(BatchSize > 0, "batch_size", BatchSize, "a positive number");
        Require(WindowLength > 0, "window_length", WindowLength, "a positive number");
        Require(AdamEpsilon > 0 && double.IsFinite(AdamEpsilon), "adam_epsilon", AdamEpsilon, "a positive number");
        Require(BurnIn >= 0, "burn_in", BurnIn, "a non-negative number");
        Require(Enum.IsDefined(Sampling), "sampling", Sampling, "random_windows or whole_episodes");
        Require(MaxEpisodeLength > 0, "max_episode_length", MaxEpisodeLength, "a positive number");
        Require(TrainFrequency > 0, "train_frequency", TrainFrequency, "a positive number");
        Require(TargetNetworkFrequency > 0, "target_network_frequency", TargetNetworkFrequency, "a positive number");
        Require(StartEpsilon is >= 0 and <= 1, "start_epsilon", StartEpsilon, "a number in [0, 1]");
        Require(EndEpsilon is >= 0 and <= 1, "end_epsilon", EndEpsilon, "a number in [0, 1]");
        Require(ExplorationSteps > 0, "exploration_steps", ExplorationSteps, "a positive number");
        Require(MaxGradNorm is null or > 0, "max_grad_norm", MaxGradNorm ?? 0, "a positive number or null");
        Require(Enum.IsDefined(Feedback), "feedback", Feedback, "symmetric or random");
        Require(Enum.IsDefined(Accumulation), "accumulation", Accumulation, "all_steps or final_step");
        Require(double.IsFinite(ForgetGateBias), "forget_gate_bias", ForgetGateBias, "a finite number");
        Require(TraceEcho >= 0 && double.IsFinite(TraceEcho), "trace_echo", TraceEcho, "a finite number ≥ 0");
        Require(TraceScaling is > 0 and <= 1, "trace_scaling", TraceScaling, "a number in (0, 1]");
    }

    /// <summary>Epsilon after <paramref name="trainingSteps"/> env steps since the random episodes ended.</summary>
    public double EpsilonAt(long trainingSteps) =>
        Math.Max(EndEpsilon, StartEpsilon + (EndEpsilon - StartEpsilon) * trainingSteps / ExplorationSteps);
}
