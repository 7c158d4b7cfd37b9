using System.Buffers;
using RlFramework.Agents.Trainers.Asi.Classifiers;
using RlFramework.Envs.Seeding;
using RlFramework.Models;
using RlFramework.Models.Optimizers;

namespace RlFramework.Agents.Trainers.Asi;

/// <summary>
/// Trains a <see cref="DynamicsModel"/> with Adaptive Skip Intervals (or a fixed skip Δt). Per trajectory the chain
/// starts at the first frame; each link predicts ẑ = f(input) and picks its target: with probability μ (exploration) a
/// random skip in 1..H, otherwise the ground-truth frame within the next H that minimises the (plain) BCE to ẑ (a fixed
/// skip Δt always takes the Δt-th next frame). The link adds its loss, BCE(ẑ, target) with the changed pixels weighted
/// by <see cref="AsiConfig.ChangeWeight"/>; the next input is ẑ, or the target frame with the scheduled-sampling
/// probability ε. The chain ends at the last frame; gradients flow through at most
/// <see cref="AsiConfig.GradientHorizon"/> links, and one Adam step minimises the mean loss over all links of the batch.
/// Training runs until the budget of model evaluations is spent (<see cref="IsFinished"/>).
/// </summary>
public sealed class AsiTrainer
{
    /// <summary>Training chains whose lengths set the evaluation rollouts (<see cref="AsiEvaluationRollout.TrainingChains"/>).</summary>
    public const int RecentChains = 200;

    private readonly Optimizer _optimizer;
    private readonly RandomGenerator _random;
    private readonly Queue<int> _chainLengths = new();
    private long[] _matchedSkips = [];

    /// <summary>Creates the model (initialised from <paramref name="seed"/>) and its optimizer.</summary>
    /// <exception cref="ArgumentException">The config is invalid or its kernels or architecture unset.</exception>
    public AsiTrainer(AsiConfig config, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (seed < 0) throw new ArgumentOutOfRangeException(nameof(seed), seed, "The seed must be non-negative.");
        var architecture = config.Architecture ?? throw new ArgumentException("ASI config architecture is unset: expected plain, strided or dilated.", nameof(config));
        if (config.Kernels is null) throw new ArgumentException("ASI config kernels is unset: expected a positive number.", nameof(config));
        Config = config;
        Model = new DynamicsModel(config.ModelKernels, architecture, new Generator(seed), config.Residual);
        _optimizer = torch.optim.Adam(Model.parameters(), config.LearningRateAt(0));
        _random = RandomGenerator.Derive(seed, "asi-training");
        _matchedSkips = new long[config.Horizon + 1];
    }

    /// <summary>The hyperparameters.</summary>
    public AsiConfig Config { get; }

    /// <summary>The dynamics model f being trained.</summary>
    public DynamicsModel Model { get; }

    /// <summary>Training steps (Adam steps) done; the schedules follow it.</summary>
    public int Step { get; private set; }

    /// <summary>Forward passes of the model (one per frame) made by training so far; evaluation rollouts are not counted.</summary>
    public long ModelEvaluations { get; private set; }

    /// <summary>The fraction of the budget (<see cref="AsiConfig.ModelEvaluations"/>) spent, in [0, 1].</summary>
    public double Progress => Math.Min(1, (double)ModelEvaluations / Config.ModelEvaluations);

    /// <summary>
    /// How often training's matching chose each skip (index 1..H; index 0 unused) since the last call, then starts
    /// counting anew; exploration's random skips and a fixed skip's are not counted.
    /// </summary>
    public long[] TakeMatchedSkips()
    {
        var counts = _matchedSkips;
        _matchedSkips = new long[Config.Horizon + 1];
        return counts;
    }

    /// <summary>Whether the budget is spent.</summary>
    public bool IsFinished => ModelEvaluations >= Config.ModelEvaluations;

    /// <summary>
    /// One training step: samples <see cref="AsiConfig.TrajectoriesPerBatch"/> trajectories of
    /// <paramref name="trainingSet"/> uniformly, builds their chains, backpropagates and takes one Adam step, with the
    /// schedules at the current <see cref="Step"/>. Returns the mean loss over the links.
    /// </summary>
    public double TrainStep(IReadOnlyList<AsiTrajectory> trainingSet)
    {
        ArgumentNullException.ThrowIfNull(trainingSet);
        if (trainingSet.Count == 0) throw new ArgumentException("The training set is empty; expected at least one trajectory.", nameof(trainingSet));
        var batch = new AsiTrajectory[Config.TrajectoriesPerBatch];
        for (int i = 0; i < batch.Length; i++) batch[i] = trainingSet[(int)_random.Integers(trainingSet.Count)];
        _optimizer.zero_grad();
        double loss = ChainLoss(batch, Config.ExplorationAt(Step), Config.TeacherForcingAt(Step), train: true, out int evaluations);
        _optimizer.lr = Config.LearningRateAt(Step);
        _optimizer.step();
        Step++;
        ModelEvaluations += evaluations;
        return loss;
    }

    /// <summary>
    /// The mean loss over every link of the chains of <paramref name="batch"/> with exploration probability
    /// <paramref name="exploration"/> (μ) and teacher-forcing probability <paramref name="teacherForcing"/> (ε);
    /// <paramref name="evaluations"/> counts the model's forward passes. With <paramref name="train"/> it accumulates
    /// the gradient of that mean into the parameters' <c>grad</c> — backpropagating each segment of
    /// <see cref="AsiConfig.GradientHorizon"/> links when it is complete and detaching the prediction that starts the
    /// next one, so at most one segment's activations are alive — and records the chains' lengths; without, no graph is built.
    /// </summary>
    internal double ChainLoss(IReadOnlyList<AsiTrajectory> batch, double exploration, double teacherForcing, bool train, out int evaluations)
    {
        using var noGrad = train ? default : torch.no_grad();
        double total = 0;
        int links = 0;
        evaluations = 0;
        foreach (var trajectory in batch)
        {
            using var chainScope = torch.NewDisposeScope();
            int last = trajectory.Length - 1, position = 0, start = links;
            var input = FrameTensor(trajectory, 0);
            while (position < last)
            {
                using var segmentScope = torch.NewDisposeScope();
                var losses = new List<Tensor>(Config.GradientHorizon);
                while (position < last && losses.Count < Config.GradientHorizon)
                {
                    var prediction = Model.forward(input);
                    evaluations++;
                    int target = NextTarget(prediction, trajectory, position, exploration);
                    var targetFrame = FrameTensor(trajectory, target);
                    losses.Add(LinkLoss(prediction, input, targetFrame, trajectory, position, target));
                    position = target;
                    input = _random.Random() < teacherForcing ? targetFrame : prediction;
                }
                var sum = torch.stack(losses).sum();
                total += sum.item<float>();
                if (train) sum.backward();
                links += losses.Count;
                // The next segment starts from a copy outside this scope, cut from the graph.
                input = input.detach().clone().MoveToOuterDisposeScope();
                GarbageBound.Check();
            }
            if (train) RecordChain(links - start);
        }
        if (train)
        {
            using var scaling = torch.no_grad();
            foreach (var p in Model.parameters()) p.grad?.mul_(1f / links);
        }
        return total / links;
    }

    /// <summary>
    /// The loss of one link: BCE of the prediction against the target frame, the pixels that differ between the link's
    /// start frame and the target (and, with <see cref="AsiChangeMask.Union"/>, between the link's input and the target,
    /// with <see cref="AsiChangeMask.Claimed"/> between the prediction and the start frame) weighted by <see cref="AsiConfig.ChangeWeight"/>.
    /// </summary>
    private Tensor LinkLoss(Tensor prediction, Tensor input, Tensor targetFrame, AsiTrajectory trajectory, int position, int target)
    {
        if (Config.ChangeWeight == 1) return torch.nn.functional.binary_cross_entropy(prediction, targetFrame);
        var from = trajectory.Frame(position);
        var to = trajectory.Frame(target);
        // The second frame a changed pixel is judged against: the link's actual input (union) or its own prediction (claimed).
        var other = Config.ChangeMask switch
        {
            AsiChangeMask.Union => input.data<float>(),
            AsiChangeMask.Claimed => prediction.data<float>(),
            _ => default,
        };
        var against = Config.ChangeMask == AsiChangeMask.Claimed ? from : to;
        int plane = trajectory.Height * trajectory.Width;
        // A frame's weights pass the large-object threshold on Funnel Board: a rented buffer, not one array per link.
        var rented = ArrayPool<float>.Shared.Rent(trajectory.FrameSize);
        var weights = rented.AsSpan(0, trajectory.FrameSize);
        for (int i = 0; i < plane; i++)
        {
            bool changed = false;
            for (int c = 0; c < AsiTrajectory.Channels; c++)
            {
                int k = c * plane + i;
                changed |= MathF.Abs(from[k] - to[k]) > AsiConfig.ChangeThreshold
                    || (!other.IsEmpty && MathF.Abs(other[k] - against[k]) > AsiConfig.InputChangeThreshold);
            }
            float w = changed ? (float)Config.ChangeWeight : 1f;
            for (int c = 0; c < AsiTrajectory.Channels; c++) weights[c * plane + i] = w;
        }
        var weight = torch.tensor(weights, 1, AsiTrajectory.Channels, trajectory.Height, trajectory.Width);
        ArrayPool<float>.Shared.Return(rented);
        return torch.nn.functional.binary_cross_entropy(prediction, targetFrame, weight);
    }

    private void RecordChain(int links)
    {
        _chainLengths.Enqueue(links);
        if (_chainLengths.Count > RecentChains) _chainLengths.Dequeue();
    }

    /// <summary>The frame the link from <paramref name="position"/> is trained to predict.</summary>
    private int NextTarget(Tensor prediction, AsiTrajectory trajectory, int position, double exploration)
    {
        int last = trajectory.Length - 1;
        if (Config.FixedSkip is int skip) return Math.Min(position + skip, last);
        if (exploration > 0 && _random.Random() < exploration) return Explore(prediction, trajectory, position);
        int best = SkipMatcher.BestFrame(prediction.data<float>(), trajectory, position + 1, Math.Min(position + Config.Horizon, last));
        _matchedSkips[best - position]++;
        return best;
    }

    /// <summary>
    /// An exploring link's target: a random skip in 1..<see cref="AsiConfig.ExplorationHorizon"/>, or with
    /// <see cref="AsiConfig.ExplorationMargin"/> a random one among the frames within that margin of the best match.
    /// </summary>
    private int Explore(Tensor prediction, AsiTrajectory trajectory, int position)
    {
        int horizon = Config.ExplorationHorizon ?? Config.Horizon, last = Math.Min(position + horizon, trajectory.Length - 1);
        if (Config.ExplorationMargin is not double margin) return Math.Min(position + (int)_random.Integers(1, horizon + 1), last);
        Span<double> losses = last - position <= 256 ? stackalloc double[last - position] : new double[last - position];
        SkipMatcher.CandidateLosses(prediction.data<float>(), trajectory, position + 1, last, losses);
        double best = double.MaxValue, worst = double.MinValue;
        foreach (double l in losses) (best, worst) = (Math.Min(best, l), Math.Max(worst, l));
        double bound = best + margin * (worst - best);
        int eligible = 0;
        foreach (double l in losses) if (l <= bound) eligible++;
        int pick = (int)_random.Integers(eligible);
        for (int k = 0; k < losses.Length; k++)
            if (losses[k] <= bound && pick-- == 0) return position + 1 + k;
        throw new InvalidOperationException("No candidate frame within the exploration margin; the best one always is.");
    }

    private static Tensor FrameTensor(AsiTrajectory trajectory, int t) =>
        torch.tensor(trajectory.Frame(t), 1, AsiTrajectory.Channels, trajectory.Height, trajectory.Width);

    /// <summary>
    /// Model steps of an evaluation rollout for <paramref name="trajectory"/>. <see cref="AsiEvaluationRollout.TrainingChains"/>:
    /// the 99th percentile (nearest rank) of the lengths of the last <see cref="RecentChains"/> training chains, plus 1
    /// (before any training, as <see cref="AsiEvaluationRollout.FullClip"/>); <see cref="AsiEvaluationRollout.FullClip"/>:
    /// enough to span the clip at the smallest skip, ⌈(T-1)/Δt⌉ with Δt = 1 for ASI.
    /// </summary>
    public int RolloutSteps(AsiTrajectory trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        if (Config.EvaluationRollout == AsiEvaluationRollout.TrainingChains && _chainLengths.Count > 0)
        {
            var sorted = _chainLengths.Order().ToArray();
            return sorted[(int)Math.Ceiling(0.99 * sorted.Length) - 1] + 1;
        }
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
            // One scope per step, so each step's activations go back to the pool before the next step takes its own.
            using (var step = torch.NewDisposeScope())
            {
                var next = Model.forward(input).MoveToOuterDisposeScope();
                input.Dispose();
                input = next;
            }
            frames.Add(input.ToArray());
        }
        GarbageBound.Check();
        return frames;
    }

    /// <summary>
    /// Evaluates on <paramref name="validation"/>: rolls the model out from each first frame for <see cref="RolloutSteps"/>
    /// steps, scores the classified rollout (<see cref="IOutcomeClassifier.Score"/>, fair when
    /// <see cref="AsiConfig.FairAccuracy"/>) and counts the predicted frames before the first that loses the moving
    /// object (<see cref="IOutcomeClassifier.ShowsObject"/>); each averaged over the clips.
    /// </summary>
    public AsiEvaluation Evaluate(IReadOnlyList<AsiTrajectory> validation, IOutcomeClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(classifier);
        if (validation.Count == 0) throw new ArgumentException("The validation set is empty; expected at least one trajectory.", nameof(validation));
        double score = 0, kept = 0, steps = 0;
        foreach (var trajectory in validation)
        {
            var first = trajectory.Frame(0);
            var predicted = Rollout(first, trajectory.Height, trajectory.Width, RolloutSteps(trajectory));
            score += classifier.Score(first, predicted, trajectory.Height, trajectory.Width, trajectory.Label, Config.FairAccuracy);
            int shown = 0;
            while (shown < predicted.Count && classifier.ShowsObject(predicted[shown], trajectory.Height, trajectory.Width)) shown++;
            kept += shown;
            steps += predicted.Count;
        }
        return new AsiEvaluation(score / validation.Count, kept / validation.Count, steps / validation.Count);
    }
}
