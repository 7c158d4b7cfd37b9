using RlFramework.Agents.Trainers.Asi;
using RlFramework.Agents.Trainers.Asi.Classifiers;
using RlFramework.Models;

namespace RlFramework.Agents.Tests.Trainers.Asi;

public class AsiTrainerTests
{
    private static readonly AsiConfig Tiny = new()
    {
        Kernels = 3,
        Horizon = 4,
        ModelEvaluations = 300,
        Architecture = AsiArchitecture.Plain,
        ExplorationSteps = 5,
        ScheduledSamplingSteps = 5,
        LearningRateDecaySteps = 10,
        LearningRate = 3e-3,
        ScheduleScale = 1,
        ChangeWeight = 1,
        Residual = false,
    };

    [Fact]
    public void SameSeedGivesIdenticalLosses()
    {
        var data = SyntheticFalls.All();
        double[] Run(long seed)
        {
            var trainer = new AsiTrainer(Tiny, seed);
            return [.. Enumerable.Range(0, 6).Select(_ => trainer.TrainStep(data)), trainer.ModelEvaluations];
        }
        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
    }

    [Fact]
    public void FixedSkipChainsCostOneEvaluationPerSkip()
    {
        var data = new[] { SyntheticFalls.Fall(2) }; // 15 frames: 14 links at Δt = 1, 7 at Δt = 2
        var one = new AsiTrainer(Tiny with { FixedSkip = 1, TrajectoriesPerBatch = 3 });
        one.TrainStep(data);
        Assert.Equal(3 * 14, one.ModelEvaluations);
        var two = new AsiTrainer(Tiny with { FixedSkip = 2 });
        two.TrainStep(data);
        Assert.Equal(2 * 7, two.ModelEvaluations);
        // Evaluation rollouts: the 99th percentile of the training chains' lengths + 1, or the whole clip.
        Assert.Equal(8, two.RolloutSteps(data[0]));
        Assert.Equal(15, one.RolloutSteps(data[0]));
        Assert.Equal(7, new AsiTrainer(Tiny with { FixedSkip = 2, EvaluationRollout = AsiEvaluationRollout.FullClip }).RolloutSteps(data[0]));
        Assert.Equal(14, new AsiTrainer(Tiny with { FixedSkip = 1 }).RolloutSteps(data[0])); // before any training: the whole clip
    }

    [Fact]
    public void AsiSkipsAheadWhenThePredictionMatchesALaterFrame()
    {
        // A model that predicts near-white whatever the input: the brightest candidate matches best, so each link
        // jumps the whole horizon and a 15-frame chain with H = 4 takes ⌈14/4⌉ = 4 links.
        var brightening = Brightening();
        var trainer = NearWhite(Tiny with { ExplorationSteps = 0 });
        trainer.ChainLoss([brightening], exploration: 0, teacherForcing: 0, train: false, out int evaluations);
        Assert.Equal(4, evaluations);
        trainer.ChainLoss([brightening], exploration: 0, teacherForcing: 1, train: false, out evaluations);
        Assert.Equal(4, evaluations);
        // Each chain: three skips of 4, then 2 to the last frame; counting starts anew after each take.
        Assert.Equal([0L, 0, 2, 0, 6], trainer.TakeMatchedSkips());
        Assert.Equal([0L, 0, 0, 0, 0], trainer.TakeMatchedSkips());
    }

    [Fact]
    public void ExplorationWithinAMarginKeepsToWellMatchedFrames()
    {
        // Always exploring (μ = 1): with margin 0 only the best-matched frame (the farthest, as above) is eligible, so
        // every chain takes 4 links and the matching is not counted; with margin 1 every frame is, and lengths vary.
        var brightening = Brightening();
        var strict = NearWhite(Tiny with { ExplorationMargin = 0 });
        var loose = NearWhite(Tiny with { ExplorationMargin = 1 });
        var lengths = new HashSet<int>();
        for (int i = 0; i < 20; i++)
        {
            strict.ChainLoss([brightening], exploration: 1, teacherForcing: 0, train: false, out int evaluations);
            Assert.Equal(4, evaluations);
            loose.ChainLoss([brightening], exploration: 1, teacherForcing: 0, train: false, out evaluations);
            Assert.InRange(evaluations, 4, 14);
            lengths.Add(evaluations);
        }
        Assert.True(lengths.Count > 2, $"chain lengths {string.Join(", ", lengths)}");
        Assert.All(strict.TakeMatchedSkips(), c => Assert.Equal(0, c));
        // A margin of ½: frame t costs ∝ its black pixels, so the eligible skips from u are the farther half of the horizon.
        var half = NearWhite(Tiny with { ExplorationMargin = 0.5 });
        for (int i = 0; i < 20; i++)
        {
            half.ChainLoss([brightening], exploration: 1, teacherForcing: 0, train: false, out int evaluations);
            Assert.InRange(evaluations, 4, 7); // skips of 2..4 frames: at most ⌈14/2⌉ links
        }
        Assert.Contains("exploration_margin = 1.5", Assert.Throws<ArgumentException>(() => (Tiny with { ExplorationMargin = 1.5 }).Validate()).Message);
    }

    /// <summary>15 frames of 4×4 that brighten over time: frame t has 14 − t black pixels, the rest white.</summary>
    private static AsiTrajectory Brightening()
    {
        const int length = 15, plane = 4 * 4;
        var data = new float[length * 3 * plane];
        Array.Fill(data, 1f);
        for (int t = 0; t < length; t++)
        {
            for (int i = 0; i < length - 1 - t; i++)
                for (int c = 0; c < 3; c++) data[(t * 3 + c) * plane + i] = 0f;
        }
        return new AsiTrajectory(data, length, 4, 4, 0);
    }

    /// <summary>A trainer whose model predicts ≈ 0.98 everywhere, whatever the input.</summary>
    private static AsiTrainer NearWhite(AsiConfig config)
    {
        var trainer = new AsiTrainer(config);
        using var noGrad = torch.no_grad();
        var parameters = trainer.Model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        parameters["output.weight"].data<float>().Clear();
        parameters["output.bias"].data<float>().Fill(4f); // sigmoid(4) ≈ 0.98
        return trainer;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GradientsFlowThroughTheChain(bool residual)
    {
        // Directional finite difference of the mean chain loss (no teacher forcing, so every link feeds the next)
        // against autograd, along a random direction over all parameters.
        var fall = SyntheticFalls.Fall(4, frames: 6);
        static AsiTrainer Make(AsiConfig config)
        {
            var made = new AsiTrainer(config, seed: 3);
            // The residual model starts as the identity (its last conv at zero); move it off so every layer gets a gradient.
            using var _ = torch.no_grad();
            foreach (var (name, p) in made.Model.named_parameters())
                if (name == "output.weight") torch.nn.init.uniform_(p, -1, 1, new Generator(12));
            return made;
        }
        var trainer = Make(Tiny with { FixedSkip = 1, Kernels = 2, Residual = residual });
        var parameters = trainer.Model.parameters().ToArray();
        var direction = parameters.Select(p => torch.randn(p.shape, new Generator(11)).ToArray()).ToArray();
        double Loss() => trainer.ChainLoss([fall], 0, 0, train: false, out _);
        double Along(AsiTrainer t, double teacherForcing)
        {
            t.Model.zero_grad();
            t.ChainLoss([fall], 0, teacherForcing, train: true, out _);
            return t.Model.parameters().Select((p, k) => p.grad!.ToArray().Select((g, i) => (double)g * direction[k][i]).Sum()).Sum();
        }
        double analytic = Along(trainer, 0);
        const float h = 1e-3f;
        void Move(float by)
        {
            using var _ = torch.no_grad();
            for (int k = 0; k < parameters.Length; k++)
            {
                var d = parameters[k].data<float>();
                for (int i = 0; i < d.Length; i++) d[i] += by * direction[k][i];
            }
        }
        Move(h);
        double plus = Loss();
        Move(-2 * h);
        double minus = Loss();
        Move(h);
        double numeric = (plus - minus) / (2 * h);
        Assert.True(Math.Abs(numeric - analytic) <= 2e-3 + 2e-2 * Math.Abs(analytic), $"autograd {analytic:G6} vs finite difference {numeric:G6}");
        // Cutting the chain (teacher forcing everywhere) changes the gradient: the links really were connected.
        double cut = Along(trainer, 1);
        Assert.NotEqual(analytic, cut, 6);
        // A gradient horizon of 2 links cuts the 5-link chain after links 2 and 4: a different gradient again.
        Assert.NotEqual(analytic, Along(Make(trainer.Config with { GradientHorizon = 2 }), 0), 6);
        Assert.Equal(analytic, Along(Make(trainer.Config with { GradientHorizon = 5 }), 0), 6);
    }

    [Fact]
    public void TrainingLowersTheLossOnASyntheticTask()
    {
        var data = SyntheticFalls.All();
        var trainer = new AsiTrainer(Tiny with { ModelEvaluations = 2_000, ExplorationSteps = 20, LearningRateDecaySteps = 10_000, LearningRate = 1e-2 }, seed: 1);
        var losses = new List<double>();
        while (!trainer.IsFinished) losses.Add(trainer.TrainStep(data));
        Assert.True(losses[^10..].Average() < 0.75 * losses[..5].Average(), $"loss went from {losses[..5].Average():G3} to {losses[^10..].Average():G3}");
        Assert.Equal(losses.Count, trainer.Step);
        Assert.InRange(trainer.ModelEvaluations, 2_000, 2_000 + 2 * 14); // stops at the first step that spends the budget
        Assert.Equal(1.0, trainer.Progress);
    }

    [Fact]
    public void RolloutFeedsEachPredictionBack()
    {
        var fall = SyntheticFalls.Fall(0);
        var trainer = new AsiTrainer(Tiny, seed: 2);
        var frames = trainer.Rollout(fall.Frame(0), fall.Height, fall.Width, 3);
        Assert.Equal(3, frames.Count);
        using var noGrad = torch.no_grad();
        var second = trainer.Model.forward(torch.tensor(frames[0], [1, 3, fall.Height, fall.Width])).ToArray();
        Assert.Equal(second, frames[1]);
        Assert.Empty(trainer.Rollout(fall.Frame(0), fall.Height, fall.Width, 0));
    }

    [Fact]
    public void AccuracyClassifiesTheRollouts()
    {
        // An untrained model that predicts a constant frame: every rollout shows the same thing, so the classifier
        // gives one label for all five trajectories and at most one of them is right.
        var data = SyntheticFalls.All();
        var trainer = new AsiTrainer(Tiny, seed: 2);
        var evaluation = trainer.Evaluate(data, new FunnelBoardClassifier());
        Assert.InRange(evaluation.Accuracy, 0, 0.2);
        Assert.Equal(0, evaluation.ObjectFrames); // a model drawing every frame anew starts without the ball
        Assert.Equal(data[0].Length - 1, evaluation.RolloutSteps); // before any training: the clip at Δt = 1
    }

    [Fact]
    public void AResidualModelKeepsTheObjectForTheWholeRolloutAtInitialisation()
    {
        // It predicts its input at initialisation, so every rollout repeats the first frame and its ball.
        var data = SyntheticFalls.All();
        var trainer = new AsiTrainer(Tiny with { Residual = true }, seed: 2);
        var evaluation = trainer.Evaluate(data, new FunnelBoardClassifier());
        Assert.Equal(data[0].Length - 1, evaluation.ObjectFrames);
        Assert.Equal(evaluation.RolloutSteps, evaluation.ObjectFrames);
    }

    [Fact]
    public void SchedulesCountStepsAsThePapers()
    {
        var config = AsiConfig.Paper with { ExplorationSteps = 7_500 };
        Assert.Equal(1.0, config.ExplorationAt(0));
        Assert.Equal(0.5, config.ExplorationAt(3_750), 12);
        Assert.Equal(0.0, config.ExplorationAt(7_500));
        Assert.Equal(0.0, config.ExplorationAt(20_000));
        Assert.Equal(0.0, (config with { ExplorationSteps = 0 }).ExplorationAt(0));
        Assert.Equal(0.0, (config with { FixedSkip = 1 }).ExplorationAt(0));
        Assert.Equal(0.0, (config with { ScheduleScale = 0.5 }).ExplorationAt(3_750));
        Assert.Throws<InvalidOperationException>(() => new AsiConfig().ExplorationAt(0));
        Assert.Equal(1.0, config.TeacherForcingAt(0));
        Assert.Equal(0.5, config.TeacherForcingAt(4_000), 12);   // 1/(4000/4000 + 1)
        Assert.Equal(1.0 / 6, config.TeacherForcingAt(20_000), 12);
        Assert.Equal(0.5, (config with { ScheduleScale = 0.25 }).TeacherForcingAt(1_000), 12);
        Assert.Equal(5e-4, config.LearningRateAt(14_999), 15);
        Assert.Equal(1e-4, config.LearningRateAt(15_000), 15);
        Assert.Equal(2e-5, config.LearningRateAt(30_000), 15);
        Assert.Equal(7.5e-4, (config with { FixedSkip = 2 }).LearningRateAt(0), 15);
        Assert.Equal(1.5e-4, (config with { FixedSkip = 2, ScheduleScale = 0.1 }).LearningRateAt(1_500), 15);
        // A warm-up of 1,000 steps: teacher forcing and no exploration, then both schedules from their start; the learning rate does not wait.
        var warm = config with { WarmupSteps = 1_000 };
        Assert.Equal((0.0, 1.0), (warm.ExplorationAt(999), warm.TeacherForcingAt(999)));
        Assert.Equal((1.0, 1.0), (warm.ExplorationAt(1_000), warm.TeacherForcingAt(1_000)));
        Assert.Equal(0.5, warm.ExplorationAt(4_750), 12);
        Assert.Equal(0.5, warm.TeacherForcingAt(5_000), 12);
        Assert.Equal(1e-4, warm.LearningRateAt(15_000), 15);
        Assert.Throws<ArgumentException>(() => (config with { WarmupSteps = -1 }).Validate());
        Assert.Throws<ArgumentException>(() => (config with { ExplorationHorizon = 0 }).Validate());
    }

    [Fact]
    public void TaskDefaultsFillOnlyUnsetFields()
    {
        var config = new AsiConfig().WithTaskDefaults(16, AsiArchitecture.Strided, 7_500);
        Assert.Equal((16, AsiArchitecture.Strided, 7_500), (config.Kernels!.Value, config.Architecture!.Value, config.ExplorationSteps!.Value));
        var set = new AsiConfig { Kernels = 4, Architecture = AsiArchitecture.Plain, ExplorationSteps = 0 }.WithTaskDefaults(8, AsiArchitecture.Dilated, 15_000);
        Assert.Equal((4, AsiArchitecture.Plain, 0), (set.Kernels!.Value, set.Architecture!.Value, set.ExplorationSteps!.Value));
        Assert.Contains("kernels", Assert.Throws<ArgumentException>(() => new AsiTrainer(new AsiConfig { Architecture = AsiArchitecture.Plain })).Message);
        Assert.Contains("architecture", Assert.Throws<ArgumentException>(() => new AsiTrainer(new AsiConfig())).Message);
        Assert.Equal(32, (AsiConfig.Paper with { FixedSkip = 1, Architecture = AsiArchitecture.Plain }).ModelKernels);
        Assert.Equal(48, AsiConfig.Paper.ModelKernels);
    }

    [Fact]
    public void ChangeWeightWeighsThePixelsThatMove()
    {
        // One Δt = 1 link: the loss is the mean of w·BCE(ẑ, frame 1), w = 50 where frame 1 differs from frame 0, else 1.
        var fall = SyntheticFalls.Fall(1, frames: 2);
        var trainer = new AsiTrainer(Tiny with { FixedSkip = 1, ChangeWeight = 50 }, seed: 4);
        var plain = new AsiTrainer(Tiny with { FixedSkip = 1 }, seed: 4);
        float[] prediction;
        using (torch.no_grad())
            prediction = trainer.Model.forward(torch.tensor(fall.Frame(0), 1, 3, fall.Height, fall.Width)).ToArray();
        var (from, to) = (fall.Frame(0).ToArray(), fall.Frame(1).ToArray());
        int plane = fall.Height * fall.Width, changed = 0;
        double weighted = 0, unweighted = 0;
        for (int i = 0; i < plane; i++)
        {
            bool moved = Enumerable.Range(0, 3).Any(c => Math.Abs(from[c * plane + i] - to[c * plane + i]) > 0.01);
            if (moved) changed++;
            for (int c = 0; c < 3; c++)
            {
                double p = prediction[c * plane + i], y = to[c * plane + i];
                double bce = -(y * Math.Max(Math.Log(p), -100) + (1 - y) * Math.Max(Math.Log(1 - p), -100));
                weighted += (moved ? 50 : 1) * bce;
                unweighted += bce;
            }
        }
        Assert.InRange(changed, 1, plane / 4); // the ball moved: a few pixels changed
        Assert.Equal(weighted / (3 * plane), trainer.ChainLoss([fall], 0, 0, train: false, out _), 4);
        Assert.Equal(unweighted / (3 * plane), plain.ChainLoss([fall], 0, 0, train: false, out _), 4);
    }

    [Fact]
    public void UnionAndClaimedChangeMasksAlsoWeighWhatTheModelGetsWrong()
    {
        // A still ball (frames 0-2 identical: the ground truth never changes), Δt = 1, the predictions fed back
        // (ε = 0): link 1 sees frame 0, link 2 the model's first prediction. Ground-truth mask: plain BCE on both links.
        // Union: link 2 weights w = 50 where its input (the first prediction) is off the target by more than 0.1 in
        // some channel. Claimed: each link weights w where its own prediction is off the (unchanged) start frame.
        var still = SyntheticFalls.Fall(1, frames: 2);
        var frames = new float[3 * still.FrameSize];
        for (int t = 0; t < 3; t++) still.Frame(0).CopyTo(frames.AsSpan(t * still.FrameSize));
        var clip = new AsiTrajectory(frames, 3, still.Height, still.Width, 1);
        var config = Tiny with { FixedSkip = 1, ChangeWeight = 50 };
        float[] first, second;
        var model = new AsiTrainer(config, seed: 4).Model;
        using (torch.no_grad())
        {
            var p1 = model.forward(torch.tensor(clip.Frame(0), 1, 3, clip.Height, clip.Width));
            (first, second) = (p1.ToArray(), model.forward(p1).ToArray());
        }
        var target = clip.Frame(0).ToArray();
        int plane = clip.Height * clip.Width;
        bool Off(float[] p, int i) => Enumerable.Range(0, 3).Any(c => Math.Abs(p[c * plane + i] - target[c * plane + i]) > 0.1);
        double Bce(float[] p, int k) => -(target[k] * Math.Max(Math.Log(p[k]), -100) + (1 - target[k]) * Math.Max(Math.Log(1 - p[k]), -100));
        double plain = 0, union = 0, claimed = 0;
        for (int i = 0; i < plane; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                int k = c * plane + i;
                plain += Bce(first, k) + Bce(second, k);
                union += Bce(first, k) + (Off(first, i) ? 50 : 1) * Bce(second, k);
                claimed += (Off(first, i) ? 50 : 1) * Bce(first, k) + (Off(second, i) ? 50 : 1) * Bce(second, k);
            }
        }
        Assert.InRange(Enumerable.Range(0, plane).Count(i => Off(first, i)), 1, plane);
        double Loss(AsiChangeMask mask) => new AsiTrainer(config with { ChangeMask = mask }, seed: 4).ChainLoss([clip], 0, 0, train: false, out _);
        Assert.Equal(plain / (2 * 3 * plane), Loss(AsiChangeMask.GroundTruth), 4);
        Assert.Equal(union / (2 * 3 * plane), Loss(AsiChangeMask.Union), 4);
        Assert.Equal(claimed / (2 * 3 * plane), Loss(AsiChangeMask.Claimed), 4);
    }

    [Fact]
    public void ConfigRoundTripsAndNamesBadValues()
    {
        var config = AsiConfig.Paper with { FixedSkip = 2, Architecture = AsiArchitecture.Dilated, ExplorationSteps = 15_000 };
        Assert.Equal(config, AsiConfig.FromJson(config.ToJson()));
        Assert.Contains("\"model_evaluations\": 1500000", config.ToJson());
        Assert.Contains("\"architecture\": \"dilated\"", config.ToJson());
        Assert.Contains("horizon = 0", Assert.Throws<ArgumentException>(() => AsiConfig.FromJson("{\"horizon\": 0}")).Message);
        Assert.Contains("kernel", Assert.Throws<ArgumentException>(() => AsiConfig.FromJson("{\"kernel\": 4}")).Message);
        Assert.Throws<ArgumentException>(() => new AsiTrainer(new AsiConfig { FixedSkip = 0 }));
        Assert.Contains("change_weight = 0.5", Assert.Throws<ArgumentException>(() => AsiConfig.FromJson("{\"change_weight\": 0.5}")).Message);
    }

    [Fact]
    public void ExplorationDrawsRandomSkipsWithinTheHorizon()
    {
        // With μ = 1 every target is a random skip of 1..H: over many chains the number of links varies, and no
        // chain is shorter than ⌈(T-1)/H⌉ links.
        var fall = SyntheticFalls.Fall(2);
        var trainer = new AsiTrainer(Tiny, seed: 9);
        var counts = new HashSet<int>();
        for (int i = 0; i < 20; i++)
        {
            trainer.ChainLoss([fall], 1, 0, train: false, out int evaluations);
            Assert.InRange(evaluations, 4, 14);
            counts.Add(evaluations);
        }
        Assert.True(counts.Count > 2, $"chain lengths {string.Join(", ", counts)}");
        // An exploration horizon of 1 makes every random skip one frame: the chain visits every frame, and the matching chose none.
        var single = new AsiTrainer(Tiny with { ExplorationHorizon = 1 }, seed: 9);
        single.ChainLoss([fall], 1, 0, train: false, out int links);
        Assert.Equal(fall.Length - 1, links);
        Assert.All(single.TakeMatchedSkips(), c => Assert.Equal(0, c));
    }
}
