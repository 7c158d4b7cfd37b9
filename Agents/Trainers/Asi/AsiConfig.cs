using System.Text.Json;
using System.Text.Json.Serialization;

namespace RlFramework.Agents.Trainers.Asi;

/// <summary>
/// Every hyperparameter of <see cref="AsiTrainer"/> (Neitz et al., "Adaptive Skip Intervals", NeurIPS 2018). A run's
/// length is a budget of training model evaluations (forward passes), the quantity the paper plots accuracy against,
/// so every method costs the same. The schedules count training steps (Adam steps), as the paper's: exploration
/// μ = max(0, 1 − t/K), scheduled sampling ε = 1/(t/4,000 + 1), the learning rate ×0.2 every 15,000 steps; each step
/// count is multiplied by <see cref="ScheduleScale"/> (1: the paper's). The defaults are scaled to a 2-core CPU, each
/// scaling stated on its property: fewer kernels, a budget of 50,000 evaluations, the schedules at a tenth of the
/// paper's steps with a 4× learning rate, the residual model and the change-weighted loss; <see cref="Paper"/> gives the paper's settings.
/// The task-dependent settings (<see cref="Kernels"/>, <see cref="Architecture"/>, <see cref="ExplorationSteps"/>) are
/// null until set, e.g. by <see cref="WithTaskDefaults"/>. In JSON config files the names are snake_case (kernels, horizon, ...); an unknown
/// or mistyped field is an error.
/// </summary>
public sealed record AsiConfig
{
    /// <summary>Kernels n of each hidden conv layer of the ASI model (the paper: 48; ours: 16 on Room Runner's strided model, 8 on Funnel Board's dilated one); null until set.</summary>
    public int? Kernels { get; init; }
    /// <summary>Kernels of the fixed-Δt baselines' model (the paper: 32); null: <see cref="Kernels"/>.</summary>
    public int? BaselineKernels { get; init; }
    /// <summary>The layout of the feature stack (the paper: strided on Room Runner, dilated on Funnel Board); null until set.</summary>
    public AsiArchitecture? Architecture { get; init; }
    /// <summary>Whether the model predicts the change over its input frame (<see cref="DynamicsModel.Residual"/>, ours; default true); false: the paper's model, which draws the frame anew.</summary>
    public bool Residual { get; init; } = true;
    /// <summary>Horizon H: the matching looks at most this many frames ahead (the paper: 21).</summary>
    public int Horizon { get; init; } = 21;
    /// <summary>A fixed skip Δt (1 or 2 for the baselines): the target is always the Δt-th next frame; null for ASI.</summary>
    public int? FixedSkip { get; init; }
    /// <summary>The run's budget: training stops after the first step that brings the training model evaluations to this many.</summary>
    public long ModelEvaluations { get; init; } = 50_000;
    /// <summary>Steps K over which the exploration probability μ = max(0, 1 − t/K) falls from 1 to 0 (the paper: 7,500 Room Runner, 15,000 Funnel Board); 0 turns exploration off; null until set.</summary>
    public int? ExplorationSteps { get; init; }
    /// <summary>
    /// Teacher-forced warm-up (ours; default 0, the paper has none): for the first this many steps every link's input is
    /// the ground truth (ε = 1) and there is no exploration (μ = 0); the exploration and scheduled-sampling schedules
    /// start after them (the learning rate's decay does not wait).
    /// </summary>
    public int WarmupSteps { get; init; }
    /// <summary>Exploration draws its skip in 1..this (ours; null: <see cref="Horizon"/>, the paper's).</summary>
    public int? ExplorationHorizon { get; init; }
    /// <summary>
    /// Exploration among well-matched frames (ours; null: any frame, the paper's): an exploring link draws its target
    /// uniformly among the candidate frames whose matching loss is at most best + margin·(worst − best), so 0 keeps only
    /// the best-matched frames (the matching) and 1 every frame within the exploration horizon.
    /// </summary>
    public double? ExplorationMargin { get; init; }
    /// <summary>Steps s of the scheduled-sampling schedule ε = 1/(t/s + 1) (the paper: 4,000).</summary>
    public int ScheduledSamplingSteps { get; init; } = 4_000;
    /// <summary>Multiplies every step count of the schedules (K, s, the decay interval); 1 is the paper's. Default 0.1: our runs take 1,000–4,000 steps, about a tenth of the paper's.</summary>
    public double ScheduleScale { get; init; } = 0.1;
    /// <summary>Trajectories per batch (per Adam step); the paper: 2.</summary>
    public int TrajectoriesPerBatch { get; init; } = 2;
    /// <summary>Adam's initial learning rate for ASI (the paper: 5e-4; default 4× that, 2e-3, for runs a tenth as long).</summary>
    public double LearningRate { get; init; } = 2e-3;
    /// <summary>Adam's initial learning rate for the fixed-Δt baselines (the paper: 7.5e-4; default 4× that, 3e-3).</summary>
    public double BaselineLearningRate { get; init; } = 3e-3;
    /// <summary>The learning rate is multiplied by this factor every <see cref="LearningRateDecaySteps"/> steps (the paper: 0.2).</summary>
    public double LearningRateDecay { get; init; } = 0.2;
    /// <summary>Steps between learning-rate decays (the paper: 15,000).</summary>
    public int LearningRateDecaySteps { get; init; } = 15_000;
    /// <summary>
    /// Weight of the training loss on the pixels whose target differs from the chain's input frame (the ground truth at
    /// the link's start; any channel by more than <see cref="ChangeThreshold"/>); other pixels weigh 1. 1 is plain BCE
    /// (the paper's); default 10 (with the residual model: 1 drops the moving object, 50 smears it). The matching always uses plain BCE.
    /// </summary>
    public double ChangeWeight { get; init; } = 10;
    /// <summary>Which pixels <see cref="ChangeWeight"/> weights (default <see cref="AsiChangeMask.GroundTruth"/>; <see cref="AsiChangeMask.Union"/> also those the link's actual input gets wrong, <see cref="AsiChangeMask.Claimed"/> also those the prediction changes; ours).</summary>
    public AsiChangeMask ChangeMask { get; init; } = AsiChangeMask.GroundTruth;
    /// <summary>
    /// Links of a chain through which the gradient flows: the prediction that starts a new segment of this many links is
    /// detached, and each segment's loss is backpropagated as soon as it is complete, so a step keeps at most this many
    /// model evaluations' activations alive. The paper's chains keep the whole gradient (a horizon ≥ the chain length).
    /// </summary>
    public int GradientHorizon { get; init; } = 32;
    /// <summary>The length of the evaluation rollouts (the authors': the 99th percentile of the training chains' lengths + 1).</summary>
    public AsiEvaluationRollout EvaluationRollout { get; init; } = AsiEvaluationRollout.TrainingChains;
    /// <summary>Whether the score of a rollout is the probability the classifier gives its right label (1/K without evidence), the authors' "fair accuracy"; false: 1 when the classifier picks it, else 0 (undecided is wrong).</summary>
    public bool FairAccuracy { get; init; } = true;

    /// <summary>A pixel counts as changed (for <see cref="ChangeWeight"/>) when a channel differs by more than this.</summary>
    public const float ChangeThreshold = 0.01f;

    /// <summary>With <see cref="AsiChangeMask.Union"/> (<see cref="AsiChangeMask.Claimed"/>), a pixel of a predicted input (of the prediction) counts when a channel differs from the target (from the start frame) by more than this (a prediction is never exact to <see cref="ChangeThreshold"/>).</summary>
    public const float InputChangeThreshold = 0.1f;

    /// <summary>
    /// The paper's settings: 48 kernels for ASI and 32 for the baselines, H = 21, lr 5e-4 (baselines 7.5e-4) ×0.2 every
    /// 15,000 steps (schedule scale 1), 2 trajectories per batch, the model drawing the frame anew, plain BCE, the whole
    /// gradient of each chain (a horizon of 1,000 links). The budget is ours (the paper gives none): 1,500,000 model evaluations (about 45,000 ASI steps).
    /// </summary>
    public static AsiConfig Paper { get; } = new()
    {
        Kernels = 48,
        BaselineKernels = 32,
        ModelEvaluations = 1_500_000,
        GradientHorizon = 1_000,
        ScheduleScale = 1,
        LearningRate = 5e-4,
        BaselineLearningRate = 7.5e-4,
        ChangeWeight = 1,
        Residual = false,
    };

    /// <summary>This config with the task's settings where they are unset: <paramref name="kernels"/>, <paramref name="architecture"/> and the exploration steps <paramref name="explorationSteps"/>.</summary>
    public AsiConfig WithTaskDefaults(int kernels, AsiArchitecture architecture, int explorationSteps) =>
        this with { Kernels = Kernels ?? kernels, Architecture = Architecture ?? architecture, ExplorationSteps = ExplorationSteps ?? explorationSteps };

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
        Require(Kernels is null or > 0, "kernels", Kernels ?? 0, "a positive number or null (the task's)");
        Require(BaselineKernels is null or > 0, "baseline_kernels", BaselineKernels ?? 0, "a positive number or null (the same as kernels)");
        Require(Horizon > 0, "horizon", Horizon, "a positive number of frames");
        Require(FixedSkip is null or > 0, "fixed_skip", FixedSkip ?? 0, "a positive number of frames or null (ASI)");
        Require(ModelEvaluations > 0, "model_evaluations", ModelEvaluations, "a positive number of forward passes");
        Require(ExplorationSteps is null or >= 0, "exploration_steps", ExplorationSteps ?? 0, "a non-negative number of steps (0: no exploration)");
        Require(WarmupSteps >= 0, "warmup_steps", WarmupSteps, "a non-negative number of steps");
        Require(ExplorationHorizon is null or > 0, "exploration_horizon", ExplorationHorizon ?? 0, "a positive number of frames or null (the horizon)");
        Require(ExplorationMargin is null or (>= 0 and <= 1), "exploration_margin", ExplorationMargin ?? 0, "a fraction in [0, 1] or null (any frame)");
        Require(ScheduledSamplingSteps > 0, "scheduled_sampling_steps", ScheduledSamplingSteps, "a positive number of steps");
        Require(ScheduleScale > 0 && double.IsFinite(ScheduleScale), "schedule_scale", ScheduleScale, "a positive factor");
        Require(TrajectoriesPerBatch > 0, "trajectories_per_batch", TrajectoriesPerBatch, "a positive number");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), "learning_rate", LearningRate, "a positive number");
        Require(BaselineLearningRate > 0 && double.IsFinite(BaselineLearningRate), "baseline_learning_rate", BaselineLearningRate, "a positive number");
        Require(LearningRateDecay is > 0 and <= 1, "learning_rate_decay", LearningRateDecay, "a factor in (0, 1]");
        Require(LearningRateDecaySteps > 0, "learning_rate_decay_steps", LearningRateDecaySteps, "a positive number of steps");
        Require(ChangeWeight >= 1 && double.IsFinite(ChangeWeight), "change_weight", ChangeWeight, "a weight ≥ 1 (1: plain BCE)");
        Require(GradientHorizon > 0, "gradient_horizon", GradientHorizon, "a positive number of links");
    }

    /// <summary>The kernels of the model this config trains: <see cref="BaselineKernels"/> for a fixed skip (when set), else <see cref="Kernels"/>.</summary>
    /// <exception cref="InvalidOperationException">Kernels are unset.</exception>
    [JsonIgnore]
    public int ModelKernels => (FixedSkip is null ? Kernels : BaselineKernels ?? Kernels)
        ?? throw new InvalidOperationException("ASI config kernels is unset: expected a positive number (rl reproduce asi sets the task's).");

    /// <summary>Exploration probability μ = max(0, 1 − t/(K·scale)) at step <paramref name="step"/>, t counted from the end of the warm-up (0 during it); 0 when exploration is off or the config trains a fixed skip.</summary>
    public double ExplorationAt(int step)
    {
        if (FixedSkip is not null) return 0;
        int k = ExplorationSteps ?? throw new InvalidOperationException("ASI config exploration_steps is unset: expected the task's number of steps (7,500 Room Runner, 15,000 Funnel Board).");
        return k == 0 || step < WarmupSteps ? 0 : Math.Max(0, 1 - (step - WarmupSteps) / (k * ScheduleScale));
    }

    /// <summary>Scheduled-sampling probability ε of feeding the ground truth instead of the prediction: 1/(t/(s·scale) + 1), t counted from the end of the warm-up (1 during it).</summary>
    public double TeacherForcingAt(int step) => step < WarmupSteps ? 1 : 1 / ((step - WarmupSteps) / (ScheduledSamplingSteps * ScheduleScale) + 1);

    /// <summary>The learning rate at step <paramref name="step"/>: lr·decay^⌊t/(interval·scale)⌋, lr the baselines' for a fixed skip.</summary>
    public double LearningRateAt(int step) =>
        (FixedSkip is null ? LearningRate : BaselineLearningRate) * Math.Pow(LearningRateDecay, Math.Floor(step / (LearningRateDecaySteps * ScheduleScale) + 1e-9));
}
