using System.Diagnostics;
using RlFramework.Agents.Routing.Learners;
using RlFramework.Models;
using RlFramework.Models.Modules;
using RlFramework.Models.Routing;

namespace RlFramework.Runner.Experiments.Routing;

/// <summary>
/// The synthetic multi-task classification benchmark (<see cref="MultiTaskDataset"/>: 16 inputs, 4 classes, tasks
/// composed of pairs of 4 shared primitives): a routing network (Linear 16→32 + ReLU, routed layers of M modules
/// Linear 32→32 + ReLU, head 32→4) trained with the final reward ±1 for a right/wrong class. Routers: task-dispatched
/// tables trained by each algorithm, and per-layer subrouters over activations with no task id (no meta-information).
/// </summary>
public static class MultiTaskClassificationExperiment
{
    private const int Inputs = 16, Width = 32, Classes = 4, Primitives = 4;

    /// <summary>
    /// One router variant: its label, algorithm, whether the router sees the task id, and optionally a change of the
    /// table's training config (<paramref name="Adjust"/>) with the name its diagnostics are logged under (<paramref name="LogTag"/>).
    /// </summary>
    public sealed record Variant(string Name, RouterAlgorithm Algorithm, bool TaskDispatched, Func<RoutingConfig, RoutingConfig>? Adjust = null, string? LogTag = null);

    /// <summary>The variants of the table.</summary>
    public static IReadOnlyList<Variant> Variants { get; } =
    [
        new("Q-learning (task id)", RouterAlgorithm.QLearning, true),
        new("advantage (task id)", RouterAlgorithm.Advantage, true),
        new("REINFORCE (task id)", RouterAlgorithm.Reinforce, true),
        new("REINFORCE ε-greedy + IS (task id)", RouterAlgorithm.ReinforceEpsilon, true),
        new("WPL (task id)", RouterAlgorithm.Wpl, true),
        new("Q-learning, no meta-information", RouterAlgorithm.QLearning, false),
    ];

    /// <summary>
    /// The ablations of the routing paper's training choices, each on the Q-learning router with the task id: the
    /// table's settings (plain SGD, final reward ±1, router ε floor 0.1), then one change each — r_f = −loss (the
    /// sample's cross-entropy), Adam at PyTorch's default rate 1e-3 (router 3e-4), and a router ε floor of 0.01.
    /// </summary>
    public static IReadOnlyList<Variant> Ablations { get; } =
    [
        new("Q-learning: SGD, r_f = ±1, ε floor 0.1 (table 2)", RouterAlgorithm.QLearning, true, null, "reference"),
        new("Q-learning: r_f = −loss", RouterAlgorithm.QLearning, true, c => c with { FinalReward = FinalRewardKind.NegativeLoss }, "negative_loss"),
        new("Q-learning: Adam, lr 1e-3", RouterAlgorithm.QLearning, true, c => c with { Optimizer = RoutingOptimizer.Adam, LearningRate = 1e-3 }, "adam"),
        new("Q-learning: router ε floor 0.01", RouterAlgorithm.QLearning, true, c => c with { EndEpsilon = 0.01 }, "epsilon_floor_0.01"),
    ];

    /// <summary>Trains one variant at one depth on one seed; returns test accuracy, the diagnostics of each routed layer and the training seconds (<paramref name="log"/> gets the test-set diagnostics after every epoch).</summary>
    public static (double Accuracy, LayerDiagnostics[] Layers, double Seconds) RunOne(Variant variant, int depth, RoutingReproductionSettings settings, int seed, RoutingLog? log = null)
    {
        var dataset = new MultiTaskDataset(Inputs, Classes, settings.Tasks, Primitives, settings.Seed);
        var (x, tasks, labels) = dataset.Sample(settings.TrainPerTask, seed * 2 + 1);
        var (testX, testTasks, testLabels) = dataset.Sample(settings.TestPerTask, seed * 2 + 2);
        var config = new RoutingConfig
        {
            Algorithm = variant.Algorithm,
            FinalReward = FinalRewardKind.Correctness,
            LearningRate = 0.1,
            StartEpsilon = 0.5,
            EndEpsilon = 0.1,
            ExplorationSteps = Math.Max(1, (long)settings.Epochs * x.Length / Inputs / settings.Batch / 2),
        };
        if (variant.Adjust is not null) config = variant.Adjust(config);
        var trainer = new RoutingTrainer(Build(variant, depth, settings, config, seed), config, seed);
        var watch = Stopwatch.StartNew();
        int n = tasks.Length, batch = settings.Batch;
        var order = Enumerable.Range(0, n).ToArray();
        var shuffle = new Generator(seed + 7);
        var bx = new float[batch * Inputs];
        var bt = new int[batch];
        var by = new float[batch];
        for (int epoch = 0; epoch < settings.Epochs; epoch++)
        {
            for (int k = n - 1; k > 0; k--) { int r = (int)shuffle.NextInt64(k + 1); (order[k], order[r]) = (order[r], order[k]); }
            for (int start = 0; start + batch <= n; start += batch)
            {
                for (int b = 0; b < batch; b++)
                {
                    int i = order[start + b];
                    x.AsSpan(i * Inputs, Inputs).CopyTo(bx.AsSpan(b * Inputs));
                    (bt[b], by[b]) = (tasks[i], labels[i]);
                }
                using var scope = torch.NewDisposeScope();
                var target = torch.tensor(by, [batch]);
                trainer.Step(torch.tensor(bx, [batch, Inputs]), bt,
                    output => torch.nn.functional.cross_entropy(output, target, reduction: Reduction.None),
                    (output, _) => Correct(output, by));
            }
            if (log is not null)
            {
                var (_, layers) = Test(trainer, testX, testTasks, testLabels, settings.Tasks);
                string name = variant.LogTag is { } tag ? $"ablation/{tag}" : $"{variant.Algorithm}{(variant.TaskDispatched ? "" : "_no_meta")}";
                log.Write($"classification/{name}/depth{depth}/seed{seed}", trainer.Steps, layers);
            }
        }
        double seconds = watch.Elapsed.TotalSeconds;
        var (accuracy, diagnostics) = Test(trainer, testX, testTasks, testLabels, settings.Tasks);
        return (accuracy, diagnostics, seconds);
    }

    private static (double Accuracy, LayerDiagnostics[] Layers) Test(RoutingTrainer trainer, float[] x, int[] tasks, float[] labels, int taskCount)
    {
        using var scope = torch.NewDisposeScope();
        var routed = trainer.Evaluate(torch.tensor(x, [tasks.Length, Inputs]), tasks);
        double accuracy = Correct(routed.Output, labels).Average(c => c ? 1.0 : 0.0);
        return (accuracy, RoutingDiagnostics.Compute([routed.Trajectory], trainer.Network.Router.Actions, taskCount, trainer.Config.CollapseShare));
    }

    /// <summary>
    /// Runs every variant of <see cref="Variants"/> (or of <see cref="Ablations"/>) at every depth on the settings' seeds
    /// through <paramref name="runs"/> and averages over seeds; <paramref name="log"/> receives the runs' diagnostics, in the order of the runs.
    /// </summary>
    public static IReadOnlyList<ClassificationRow> Run(IRunExecutor runs, RoutingReproductionSettings settings, RoutingLog? log = null, bool ablations = false)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(settings);
        var variants = ablations ? Ablations : Variants;
        var inputs = (from depth in settings.Depths
                      from v in Enumerable.Range(0, variants.Count)
                      from s in Enumerable.Range(0, settings.Seeds)
                      select new ClassificationRun.Input(settings, ablations, v, depth, settings.Seed + s, log is not null)).ToArray();
        var results = runs.Run(ClassificationRun.Instance, inputs);
        if (log is not null)
        {
            foreach (var result in results) log.Replay(result.Log);
        }
        return inputs.Zip(results).GroupBy(p => (p.First.Depth, p.First.Variant)).Select(group =>
        {
            var seedRuns = group.Select(p => p.Second).ToArray();
            double mean = seedRuns.Average(r => r.Accuracy);
            double std = Math.Sqrt(seedRuns.Average(r => (r.Accuracy - mean) * (r.Accuracy - mean)));
            return new ClassificationRow(variants[group.Key.Variant].Name, group.Key.Depth, mean, std, seedRuns.Min(r => r.Accuracy), seedRuns.Max(r => r.Accuracy),
                seedRuns.Average(r => r.Layers.Average(l => l.Entropy)), seedRuns.Sum(r => r.Layers.Count(l => l.Collapsed)), seedRuns.Average(r => r.Seconds));
        }).ToArray();
    }

    private static RoutingNetwork Build(Variant variant, int depth, RoutingReproductionSettings settings, RoutingConfig config, int seed)
    {
        var g = new Generator(seed);
        var input = torch.nn.Sequential(torch.nn.Linear(Inputs, Width, generator: g), torch.nn.ReLU());
        var layers = Enumerable.Range(0, depth).Select(_ => new RoutedLayer(Enumerable.Range(0, settings.Modules)
            .Select(_ => (Module<Tensor, Tensor>)torch.nn.Sequential(torch.nn.Linear(Width, Width, generator: g), torch.nn.ReLU())).ToArray())).ToArray();
        var head = torch.nn.Linear(Width, Classes, generator: g);
        var learner = RouterLearner.Create(config);
        Router router = variant.TaskDispatched
            ? new TaskDispatchedRouter(depth, settings.Tasks, settings.Modules, skip: false, learner.Heads, learner.InitialTableRow(settings.Modules))
            : new ActivationSubrouters(depth, Width, settings.Modules, skip: false, learner.Heads, hidden: 16, g);
        return new RoutingNetwork(input, layers, head, router);
    }

    private static bool[] Correct(Tensor output, float[] labels)
    {
        var predicted = output.argmax(1).data<float>();
        var correct = new bool[labels.Length];
        for (int i = 0; i < labels.Length; i++) correct[i] = predicted[i] == labels[i];
        return correct;
    }
}
