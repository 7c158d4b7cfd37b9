using System.Text.Json;
using System.Text.Json.Serialization;

namespace RlFramework.Agents.Asi;

/// <summary>
/// Every hyperparameter of <see cref="AsiTrainer"/> (Neitz et al., "Adaptive Skip Intervals", NeurIPS 2018). The
/// defaults are scaled to a 2-core CPU so that the costliest run (Δt = 1 on Funnel Board) takes about 30 minutes on
/// one core: 8 kernels instead of 32/48, 120 steps, a learning rate of 1e-2 (these few steps need larger ones) decayed
/// every 60 steps; <see cref="Paper"/> gives the paper's settings. In JSON config files the names are snake_case
/// (kernels, horizon, ...); an unknown or mistyped field is an error.
/// </summary>
public sealed record AsiConfig
{
    /// <summary>Kernels n of each of the dynamics model's hidden conv layers (the paper: 32 or 48).</summary>
    public int Kernels { get; init; } = 8;
    /// <summary>Horizon H: the matching looks at most this many frames ahead (the paper: 21).</summary>
    public int Horizon { get; init; } = 21;
    /// <summary>A fixed skip Δt (1 or 2 for the baselines): the target is always the Δt-th next frame; null for ASI.</summary>
    public int? FixedSkip { get; init; }
    /// <summary>Training steps over which the exploration probability μ falls linearly from 1 to 0; 0 turns exploration off.</summary>
    public int ExplorationSteps { get; init; } = 24;
    /// <summary>Training steps S (one Adam step each); the scheduled-sampling schedule ε = 1/(step/(f·S)+1) uses S.</summary>
    public int TrainingSteps { get; init; } = 120;
    /// <summary>The fraction f of the scheduled-sampling schedule ε = 1/(step/(f·S)+1) (the paper: 0.2).</summary>
    public double ScheduledSamplingFraction { get; init; } = 0.2;
    /// <summary>Trajectories per batch (per Adam step); the paper: 2.</summary>
    public int TrajectoriesPerBatch { get; init; } = 2;
    /// <summary>Adam's initial learning rate (the paper: 5e-4).</summary>
    public double LearningRate { get; init; } = 1e-2;
    /// <summary>The learning rate is multiplied by this factor every <see cref="LearningRateDecaySteps"/> steps (the paper: 0.2).</summary>
    public double LearningRateDecay { get; init; } = 0.2;
    /// <summary>Steps between learning-rate decays (the paper: 15,000).</summary>
    public int LearningRateDecaySteps { get; init; } = 60;

    /// <summary>
    /// The paper's settings: n = 32, H = 21, lr 5e-4 ×0.2 every 15k steps, 2 trajectories per batch. The run length
    /// is ours (not given there): 45k steps (three decays), exploration over the first 9k.
    /// </summary>
    public static AsiConfig Paper { get; } = new() { Kernels = 32, LearningRate = 5e-4, LearningRateDecaySteps = 15_000, TrainingSteps = 45_000, ExplorationSteps = 9_000 };

    /// <summary>Reads a config from JSON; fields left out keep their defaults.</summary>
    /// <exception cref="ArgumentException">The JSON is malformed, has an unknown field or a value out of range; the message names it.</exception>
    public static AsiConfig FromJson(string json)
    {
        var config = ConfigJson.Read<AsiConfig>(json, "ASI config");
        config.Validate();
        return config;
    }

    /// <summary>The config as JSON, in the form <see cref="FromJson"/> reads.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ConfigJson.Options);

    /// <summary>Throws when a value is out of its range; the message names the field and the value.</summary>
    public void Validate()
    {
        static void Require(bool ok, string field, object value, string expected)
        {
            if (!ok) throw new ArgumentException($"ASI config {field} = {value} is invalid: expected {expected}.");
        }
        Require(Kernels > 0, "kernels", Kernels, "a positive number");
        Require(Horizon > 0, "horizon", Horizon, "a positive number of frames");
        Require(FixedSkip is null or > 0, "fixed_skip", FixedSkip ?? 0, "a positive number of frames or null (ASI)");
        Require(ExplorationSteps >= 0, "exploration_steps", ExplorationSteps, "a non-negative number (0: no exploration)");
        Require(TrainingSteps > 0, "training_steps", TrainingSteps, "a positive number");
        Require(ScheduledSamplingFraction > 0 && double.IsFinite(ScheduledSamplingFraction), "scheduled_sampling_fraction", ScheduledSamplingFraction, "a positive number");
        Require(TrajectoriesPerBatch > 0, "trajectories_per_batch", TrajectoriesPerBatch, "a positive number");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), "learning_rate", LearningRate, "a positive number");
        Require(LearningRateDecay is > 0 and <= 1, "learning_rate_decay", LearningRateDecay, "a factor in (0, 1]");
        Require(LearningRateDecaySteps > 0, "learning_rate_decay_steps", LearningRateDecaySteps, "a positive number of steps");
    }

    /// <summary>Exploration probability μ at <paramref name="step"/>: linear from 1 to 0 over <see cref="ExplorationSteps"/>, then 0.</summary>
    public double ExplorationAt(int step) => ExplorationSteps == 0 ? 0 : Math.Max(0, 1 - (double)step / ExplorationSteps);

    /// <summary>Scheduled-sampling probability ε of feeding the ground truth instead of the prediction: 1/(step/(f·S)+1).</summary>
    public double TeacherForcingAt(int step) => 1 / (step / (ScheduledSamplingFraction * TrainingSteps) + 1);
}
