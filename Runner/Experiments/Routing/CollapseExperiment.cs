using RlFramework.Agents.Routing.Learners;
using RlFramework.Models;
using RlFramework.Models.Modules;
using RlFramework.Models.Routing;

namespace RlFramework.Runner.Experiments.Routing;

/// <summary>
/// The collapse example (routing paper, Fig. 4): 1-D regression whose data has two noisy linear modes (y = 1 + 2x for
/// x &lt; 0, y = 1 − 2x for x ≥ 0, noise σ = 0.1), three linear modules, a per-sample router over x trained by
/// Q-learning on −loss. Two modules start with a high loss (bias −3: MSE 9.3, or bias −1: MSE 1.3, against 0.33 for the third, bias 0), so a greedy router sends everything to the third
/// and the others barely train. Settings: α = 0 with ε = 0.1; a negative α (diversity reward); more exploration.
/// </summary>
public static class CollapseExperiment
{
    private const int Modules = 3, TestPoints = 1000;

    /// <summary>One row: its name, the router config and the initial bias of the two bad modules.</summary>
    public sealed record Setting(string Name, RoutingConfig Config, float BadBias);

    /// <summary>The settings of the table.</summary>
    public static IReadOnlyList<Setting> Settings(long steps)
    {
        var greedy = new RoutingConfig
        {
            Algorithm = RouterAlgorithm.QLearning,
            FinalReward = FinalRewardKind.NegativeLoss,
            LearningRate = 0.05,
            StartEpsilon = 0.01,
            EndEpsilon = 0.01,
            ExplorationSteps = 1,
        };
        var explore = greedy with { StartEpsilon = 1.0, ExplorationSteps = Math.Max(1, steps / 2) };
        return
        [
            new("bias −3: α = 0, ε = 0.01", greedy, -3f),
            new("bias −3: α = −1 (diversity), ε = 0.01", greedy with { CollaborationAlpha = -1 }, -3f),
            new("bias −3: α = 0, ε = 0.1 (reference default)", greedy with { StartEpsilon = 0.1, EndEpsilon = 0.1 }, -3f),
            new("bias −3: α = 0, ε 1.0 → 0.01 over half the steps", explore, -3f),
            new("bias −1: α = 0, ε = 0.01", greedy, -1f),
            new("bias −1: α = −1 (diversity), ε = 0.01", greedy with { CollaborationAlpha = -1 }, -1f),
        ];
    }

    /// <summary>Trains one setting on one seed; returns the module usage of greedy test routes, the test MSE and the diagnostics.</summary>
    public static (double[] Usage, double TestMse, LayerDiagnostics Layer) RunOne(RoutingConfig config, float badBias, long steps, int batchSize, int seed)
    {
        var generator = new Generator(seed);
        var modules = new Module<Tensor, Tensor>[Modules];
        for (int m = 0; m < Modules; m++)
        {
            var linear = torch.nn.Linear(1, 1, generator: generator);
            linear.weight.data<float>()[0] = 0f;
            linear.bias!.data<float>()[0] = m == 0 ? 0f : badBias; // two modules start with a high loss
            modules[m] = linear;
        }
        var router = new ActivationSubrouters(1, 1, Modules, skip: false, heads: 1, hidden: 16, generator);
        var network = new RoutingNetwork(null, [new RoutedLayer(modules)], torch.nn.Identity(), router);
        var trainer = new RoutingTrainer(network, config, seed);
        var data = new Generator(seed + 1_000_003);
        var x = new float[batchSize];
        var y = new float[batchSize];
        var tasks = new int[batchSize];
        for (long step = 0; step < steps; step++)
        {
            for (int i = 0; i < batchSize; i++) (x[i], y[i]) = Sample(data);
            using var scope = torch.NewDisposeScope();
            var target = torch.tensor(y, [batchSize, 1]);
            trainer.Step(torch.tensor(x, [batchSize, 1]), tasks, output => (output - target).pow(2).squeeze(1));
        }
        var testX = new float[TestPoints];
        var testY = new float[TestPoints];
        for (int i = 0; i < TestPoints; i++)
        {
            testX[i] = -1f + 2f * (i + 0.5f) / TestPoints;
            testY[i] = Mode(testX[i]);
        }
        using (torch.NewDisposeScope())
        {
            var routed = trainer.Evaluate(torch.tensor(testX, [TestPoints, 1]), new int[TestPoints]);
            double mse = (routed.Output.squeeze(1) - torch.tensor(testY, [TestPoints])).pow(2).mean().item<float>();
            var layer = RoutingDiagnostics.Compute([routed.Trajectory], Modules, 1, config.CollapseShare)[0];
            return (layer.TaskShares(0), mse, layer);
        }
    }

    /// <summary>
    /// Runs every setting on <paramref name="seeds"/> seeds through <paramref name="runs"/> and averages them;
    /// <paramref name="log"/> receives each run's diagnostics, in the order of the runs.
    /// </summary>
    public static IReadOnlyList<CollapseRow> Run(IRunExecutor runs, long steps, int batchSize, int seeds, int firstSeed, RoutingLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var settings = Settings(steps);
        var inputs = (from k in Enumerable.Range(0, settings.Count) from s in Enumerable.Range(firstSeed, seeds) select new CollapseRun.Input(steps, batchSize, k, s)).ToArray();
        var results = runs.Run(CollapseRun.Instance, inputs);
        for (int job = 0; job < inputs.Length; job++) log?.Write($"collapse/setting{inputs[job].Setting}/seed{inputs[job].Seed}", steps, [results[job].Layer]);
        return settings.Select((s, k) =>
        {
            var group = results.Skip(k * seeds).Take(seeds).ToArray();
            var usage = Enumerable.Range(0, Modules).Select(m => group.Average(r => r.Usage[m])).ToArray();
            return new CollapseRow(s.Name, usage, group.Average(r => r.TestMse), group.Count(r => r.Layer.Collapsed), seeds);
        }).ToArray();
    }

    private static float Mode(float x) => x < 0 ? 1f + 2f * x : 1f - 2f * x;

    private static (float X, float Y) Sample(Generator data)
    {
        float x = (float)(data.NextDouble() * 2 - 1);
        return (x, Mode(x) + 0.1f * (float)data.NextNormal());
    }
}
