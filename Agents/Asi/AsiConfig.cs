using System.Text.Json;
using System.Text.Json.Serialization;

namespace RlFramework.Agents.Asi;

/// <summary>
/// Every hyperparameter of <see cref="AsiTrainer"/> (Neitz et al., "Adaptive Skip Intervals", NeurIPS 2018). A run's
/// length is a budget of training model evaluations (forward passes), the quantity the paper plots accuracy against,
/// so every method costs the same; the schedules (exploration μ, scheduled sampling ε, learning-rate decay) follow the
/// fraction p of the budget spent. The defaults are scaled to a 2-core CPU (8 kernels instead of 32/48, a budget of
/// 50,000 evaluations, so a run takes about 8 (Room Runner) to 21 (Funnel Board) minutes on one core, and a larger
/// learning rate with no decay, as these runs end before the paper's first decay); <see cref="Paper"/> gives the
/// paper's settings. In
/// JSON config files the names are snake_case (kernels, horizon, ...); an unknown or mistyped field is an error.
/// </summary>
public sealed record AsiConfig
{
    /// <summary>Kernels n of each of the dynamics model's hidden conv layers (the paper: 32 or 48).</summary>
    public int Kernels { get; init; } = 8;
    /// <summary>Horizon H: the matching looks at most this many frames ahead (the paper: 21).</summary>
    public int Horizon { get; init; } = 21;
    /// <summary>A fixed skip Δt (1 or 2 for the baselines): the target is always the Δt-th next frame; null for ASI.</summary>
    public int? FixedSkip { get; init; }
    /// <summary>The run's budget: training stops after the first step that brings the training model evaluations to this many.</summary>
    public long ModelEvaluations { get; init; } = 50_000;
    /// <summary>The fraction of the budget over which the exploration probability μ falls linearly from 1 to 0; 0 turns exploration off.</summary>
    public double ExplorationFraction { get; init; } = 0.2;
    /// <summary>The fraction f of the scheduled-sampling schedule ε = 1/(p/f + 1), p the fraction of the budget spent (the paper: 0.2 of the run).</summary>
    public double ScheduledSamplingFraction { get; init; } = 0.2;
    /// <summary>Trajectories per batch (per Adam step); the paper: 2.</summary>
    public int TrajectoriesPerBatch { get; init; } = 2;
    /// <summary>Adam's initial learning rate (the paper: 5e-4).</summary>
    public double LearningRate { get; init; } = 2e-3;
    /// <summary>The learning rate is multiplied by this factor each time another <see cref="LearningRateDecayFraction"/> of the budget is spent (the paper: 0.2).</summary>
    public double LearningRateDecay { get; init; } = 0.2;
    /// <summary>The fraction of the budget between learning-rate decays (1: no decay within the run). The paper decays every 15,000 steps, about a third of its run; the default runs take 2,000–4,000 steps, so they end before that first decay.</summary>
    public double LearningRateDecayFraction { get; init; } = 1;

    /// <summary>
    /// The paper's settings: n = 32, H = 21, lr 5e-4 ×0.2 every third of the run, 2 trajectories per batch. The budget
    /// is ours (the paper gives none): 1,500,000 model evaluations (about 45,000 ASI steps).
    /// </summary>
    public static AsiConfig Paper { get; } = new() { Kernels = 32, LearningRate = 5e-4, ModelEvaluations = 1_500_000, LearningRateDecayFraction = 1.0 / 3 };

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
        Require(ModelEvaluations > 0, "model_evaluations", ModelEvaluations, "a positive number of forward passes");
        Require(ExplorationFraction is >= 0 and <= 1, "exploration_fraction", ExplorationFraction, "a fraction in [0, 1] (0: no exploration)");
        Require(ScheduledSamplingFraction > 0 && double.IsFinite(ScheduledSamplingFraction), "scheduled_sampling_fraction", ScheduledSamplingFraction, "a positive number");
        Require(TrajectoriesPerBatch > 0, "trajectories_per_batch", TrajectoriesPerBatch, "a positive number");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), "learning_rate", LearningRate, "a positive number");
        Require(LearningRateDecay is > 0 and <= 1, "learning_rate_decay", LearningRateDecay, "a factor in (0, 1]");
        Require(LearningRateDecayFraction is > 0 and <= 1, "learning_rate_decay_fraction", LearningRateDecayFraction, "a fraction in (0, 1]");
    }

    /// <summary>Exploration probability μ when the fraction <paramref name="progress"/> of the budget is spent: linear from 1 to 0 over <see cref="ExplorationFraction"/>, then 0.</summary>
    public double ExplorationAt(double progress) => ExplorationFraction == 0 ? 0 : Math.Max(0, 1 - progress / ExplorationFraction);

    /// <summary>Scheduled-sampling probability ε of feeding the ground truth instead of the prediction: 1/(p/f + 1).</summary>
    public double TeacherForcingAt(double progress) => 1 / (progress / ScheduledSamplingFraction + 1);

    /// <summary>The learning rate when the fraction <paramref name="progress"/> of the budget is spent: lr·decay^⌊p / decay fraction⌋.</summary>
    public double LearningRateAt(double progress) => LearningRate * Math.Pow(LearningRateDecay, Math.Floor(progress / LearningRateDecayFraction + 1e-9));
}
