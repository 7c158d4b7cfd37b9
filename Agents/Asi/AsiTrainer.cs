using RlFramework.Envs.Seeding;
using RlFramework.Models;
using RlFramework.Models.Optimizers;

namespace RlFramework.Agents.Asi;

/// <summary>
/// Trains a <see cref="DynamicsModel"/> with Adaptive Skip Intervals (or a fixed skip Δt). Per trajectory the chain
/// starts at the first frame; each link predicts ẑ = f(input) and picks its target: with probability μ (exploration) a
/// random skip in 1..H, otherwise the ground-truth frame within the next H that minimises the loss to ẑ (a fixed
/// skip Δt always takes the Δt-th next frame). The link adds BCE(ẑ, target); the next input is ẑ, or the target
/// frame with the scheduled-sampling probability ε. The chain ends at the last frame; gradients flow through the
/// whole chain, and one Adam step minimises the mean loss over all links of the batch. Training runs until the budget
/// of model evaluations is spent (<see cref="IsFinished"/>).
/// </summary>
public sealed class AsiTrainer
{
    private readonly Optimizer _optimizer;
    private readonly RandomGenerator _random;

    /// <summary>Creates the model (initialised from <paramref name="seed"/>) and its optimizer.</summary>
    public AsiTrainer(AsiConfig config, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (seed < 0) throw new ArgumentOutOfRangeException(nameof(seed), seed, "The seed must be non-negative.");
        Config = config;
        Model = new DynamicsModel(config.Kernels, new Generator(seed));
        _optimizer = torch.optim.Adam(Model.parameters(), config.LearningRate);
        _random = RandomGenerator.Derive(seed, "asi-training");
    }

    /// <summary>The hyperparameters.</summary>
    public AsiConfig Config { get; }

    /// <summary>The dynamics model f being trained.</summary>
    public DynamicsModel Model { get; }

    /// <summary>Training steps (Adam steps) done.</summary>
    public int Step { get; private set; }

    /// <summary>Forward passes of the model (one per frame) made by training so far; evaluation rollouts are not counted.</summary>
    public long ModelEvaluations { get; private set; }

    /// <summary>The fraction of the budget (<see cref="AsiConfig.ModelEvaluations"/>) spent, in [0, 1]; the schedules follow it.</summary>
    public double Progress => Math.Min(1, (double)ModelEvaluations / Config.ModelEvaluations);

    /// <summary>Whether the budget is spent.</summary>
    public bool IsFinished => ModelEvaluations >= Config.ModelEvaluations;

    /// <summary>
    /// One training step: samples <see cref="AsiConfig.TrajectoriesPerBatch"/> trajectories of
    /// <paramref name="trainingSet"/> uniformly, builds their chains and takes one Adam step, with the schedules at the
    /// <see cref="Progress"/> before the step. Returns the mean loss.
    /// </summary>
    public double TrainStep(IReadOnlyList<AsiTrajectory> trainingSet)
    {
        ArgumentNullException.ThrowIfNull(trainingSet);
        if (trainingSet.Count == 0) throw new ArgumentException("The training set is empty; expected at least one trajectory.", nameof(trainingSet));
        var batch = new AsiTrajectory[Config.TrajectoriesPerBatch];
        for (int i = 0; i < batch.Length; i++) batch[i] = trainingSet[(int)_random.Integers(trainingSet.Count)];
        using var scope = torch.NewDisposeScope();
        var loss = ChainLoss(batch, Config.ExplorationAt(Progress), Config.TeacherForcingAt(Progress), out int evaluations);
        _optimizer.zero_grad();
        loss.backward();
        _optimizer.lr = Config.LearningRateAt(Progress);
        _optimizer.step();
        Step++;
        ModelEvaluations += evaluations;
        return loss.item<float>();
    }

    /// <summary>
    /// The mean loss over every link of the chains of <paramref name="batch"/> with exploration probability
    /// <paramref name="exploration"/> (μ) and teacher-forcing probability <paramref name="teacherForcing"/> (ε);
    /// <paramref name="evaluations"/> counts the model's forward passes.
    /// </summary>
    internal Tensor ChainLoss(IReadOnlyList<AsiTrajectory> batch, double exploration, double teacherForcing, out int evaluations)
    {
        var losses = new List<Tensor>();
        evaluations = 0;
        foreach (var trajectory in batch)
        {
            int last = trajectory.Length - 1, position = 0;
            var input = FrameTensor(trajectory, 0);
            while (position < last)
            {
                var prediction = Model.forward(input);
                evaluations++;
                int target = NextTarget(prediction, trajectory, position, exploration);
                var targetFrame = FrameTensor(trajectory, target);
                losses.Add(torch.nn.functional.binary_cross_entropy(prediction, targetFrame));
                position = target;
                input = _random.Random() < teacherForcing ? targetFrame : prediction;
            }
        }
        return torch.stack(losses).mean();
    }

    /// <summary>The frame the link from <paramref name="position"/> is trained to predict.</summary>
    private int NextTarget(Tensor prediction, AsiTrajectory trajectory, int position, double exploration)
    {
        int last = trajectory.Length - 1;
        if (Config.FixedSkip is int skip) return Math.Min(position + skip, last);
        if (exploration > 0 && _random.Random() < exploration) return Math.Min(position + (int)_random.Integers(1, Config.Horizon + 1), last);
        return SkipMatcher.BestFrame(prediction.data<float>(), trajectory, position + 1, Math.Min(position + Config.Horizon, last));
    }

    private static Tensor FrameTensor(AsiTrajectory trajectory, int t) =>
        torch.tensor(trajectory.Frame(t), 1, AsiTrajectory.Channels, trajectory.Height, trajectory.Width);

    /// <summary>Model steps of an evaluation rollout for <paramref name="trajectory"/>: enough to span it at the smallest skip (⌈(T-1)/Δt⌉, Δt = 1 for ASI).</summary>
    public int RolloutSteps(AsiTrajectory trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        int skip = Config.FixedSkip ?? 1;
        return (trajectory.Length - 1 + skip - 1) / skip;
    }

    /// <summary>Rolls the model out from <paramref name="firstFrame"/> (channel-first) for <paramref name="steps"/> steps, each prediction the next input.</summary>
    public IReadOnlyList<float[]> Rollout(ReadOnlySpan<float> firstFrame, int height, int width, int steps)
    {
        if (firstFrame.Length != AsiTrajectory.Channels * height * width)
            throw new ArgumentException($"The first frame has {firstFrame.Length} values; expected 3×{height}×{width}.", nameof(firstFrame));
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "The number of rollout steps must be non-negative.");
        var frames = new List<float[]>(steps);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var input = torch.tensor(firstFrame, 1, AsiTrajectory.Channels, height, width);
        for (int s = 0; s < steps; s++)
        {
            input = Model.forward(input);
            frames.Add(input.ToArray());
        }
        return frames;
    }

    /// <summary>
    /// Label accuracy on <paramref name="validation"/>: rolls the model out from each first frame for
    /// <see cref="RolloutSteps"/> steps and classifies the predicted frames; undecided counts as wrong.
    /// </summary>
    public double Accuracy(IReadOnlyList<AsiTrajectory> validation, IOutcomeClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(classifier);
        if (validation.Count == 0) throw new ArgumentException("The validation set is empty; expected at least one trajectory.", nameof(validation));
        int correct = 0;
        foreach (var trajectory in validation)
        {
            var first = trajectory.Frame(0);
            var predicted = Rollout(first, trajectory.Height, trajectory.Width, RolloutSteps(trajectory));
            if (classifier.Classify(first, predicted, trajectory.Height, trajectory.Width) == trajectory.Label) correct++;
        }
        return (double)correct / validation.Count;
    }
}
