using RlFramework.Agents.Routing.Learners;
using RlFramework.Envs;
using RlFramework.Models.Routing;
using RlFramework.Runner.Cli;
using RlFramework.Runner.Experiments.Routing;

namespace RlFramework.Runner.Tests.Experiments.Routing;

/// <summary>The smoke-sized <c>rl reproduce routing</c>: every table, the diagnostics in the logs, determinism, the CLI.</summary>
[Collection("console")]
public sealed class RoutingReproductionTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rl-routing-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void SmokeRunFillsEveryTableAndLogsTheDiagnostics()
    {
        var report = RoutingReproduction.Run(RoutingReproductionSettings.Smoke, "1234", _folder, TextWriter.Null);
        Assert.Equal(6, report.Collapse!.Count);
        Assert.All(report.Collapse, row => Assert.Equal(1.0, row.Usage.Sum(), 1e-9));
        Assert.Equal(2 * MultiTaskClassificationExperiment.Variants.Count, report.Classification!.Count);
        Assert.All(report.Classification, row => Assert.InRange(row.Entropy, 0, 2));
        Assert.Equal(3 * (2 + MultiTaskRlExperiment.CartPole.Ids.Count + MultiTaskRlExperiment.RoboRally.Ids.Count), report.MultiTaskRl!.Count);
        Assert.Equal(3, report.MultiTaskRl.Count(r => r.Task == "CartPole-v1 (actions reversed)"));
        Assert.Equal(4, MultiTaskRlExperiment.RoboRally.Ids.Count);
        Assert.All(report.MultiTaskRl.Where(r => r.Method == "routing Q-learner"), row => Assert.Matches("^m[0-3] → m[0-3]$", row.ModuleUsage));
        Assert.Equal(2 * MultiTaskClassificationExperiment.Ablations.Count, report.Ablations!.Count);
        Assert.Equal(4, report.WallTimes.Count);
        var csv = File.ReadAllText(Path.Combine(_folder, "metrics.csv"));
        Assert.Contains("collapse/setting0/seed0/layer0/entropy_bits", csv);
        Assert.Contains("classification/QLearning/depth3/seed0/layer2/usage/task7/module3", csv);
        Assert.Contains("cartpole/routing_q/layer1/collapsed", csv);
        Assert.Contains("classification/ablation/negative_loss/depth3/seed0/layer2/entropy_bits", csv);
        Assert.Contains("roborally/routing_q/layer0/entropy_bits", csv);
        Assert.Single(Directory.GetFiles(_folder, "events.out.tfevents.*"));
    }

    [Fact]
    public void ReversedActionsPlayTheMirroredAction()
    {
        using var plain = Gym.Make<float[], int>("CartPole-v1");
        using var reversed = new ReversedActions(Gym.Make<float[], int>("CartPole-v1"));
        plain.Reset(seed: 3);
        reversed.Reset(seed: 3);
        for (int t = 0; t < 20; t++)
            Assert.Equal(plain.Step(t % 3 == 0 ? 1 : 0).Observation, reversed.Step(t % 3 == 0 ? 0 : 1).Observation);
    }

    [Fact]
    public void TheConflictingFamilyHasACartPoleAndItsMirrorAndTheCheckpointsAreTheLastTenths()
    {
        var family = MultiTaskRlExperiment.ConflictingCartPole;
        Assert.Equal(["CartPole-v1", "CartPole-v1 (actions reversed)"], Enumerable.Range(0, family.Tasks).Select(family.TaskName));
        Assert.IsType<ReversedActions>(family.Make(1));
        Assert.Equal([18_000L, 21_000, 24_000, 27_000, 30_000], RoutingReproductionSettings.Default.CheckpointSteps);
        Assert.Equal(1e-3, RoutingReproductionSettings.Default.BaselineDqn.LearningRate);
    }

    [Fact]
    public void ClassificationRunsAreDeterministic()
    {
        var settings = RoutingReproductionSettings.Smoke;
        var variant = MultiTaskClassificationExperiment.Variants[0];
        var a = MultiTaskClassificationExperiment.RunOne(variant, 3, settings, 4);
        var b = MultiTaskClassificationExperiment.RunOne(variant, 3, settings, 4);
        Assert.Equal(a.Accuracy, b.Accuracy);
        Assert.Equal(a.Layers.Select(l => l.Usage.SelectMany(u => u)), b.Layers.Select(l => l.Usage.SelectMany(u => u)));
    }

    [Fact]
    public void EachAblationChangesOneSettingAndTheRun()
    {
        var settings = RoutingReproductionSettings.Smoke;
        var ablations = MultiTaskClassificationExperiment.Ablations;
        var reference = new RoutingConfig();
        Assert.Null(ablations[0].Adjust);
        Assert.Equal(reference with { FinalReward = FinalRewardKind.NegativeLoss }, ablations[1].Adjust!(reference));
        Assert.Equal(reference with { Optimizer = RoutingOptimizer.Adam, LearningRate = 1e-3 }, ablations[2].Adjust!(reference));
        Assert.Equal(reference with { EndEpsilon = 0.01 }, ablations[3].Adjust!(reference));
        var baseline = MultiTaskClassificationExperiment.RunOne(ablations[0], 2, settings, 1);
        var table2 = MultiTaskClassificationExperiment.RunOne(MultiTaskClassificationExperiment.Variants[0], 2, settings, 1);
        Assert.Equal(table2.Accuracy, baseline.Accuracy);
        foreach (var ablation in ablations.Skip(1))
        {
            var run = MultiTaskClassificationExperiment.RunOne(ablation, 2, settings, 1);
            Assert.False(run.Accuracy == baseline.Accuracy && run.Layers.SelectMany(l => l.Usage.SelectMany(u => u)).SequenceEqual(baseline.Layers.SelectMany(l => l.Usage.SelectMany(u => u))),
                $"{ablation.Name} ran exactly like the reference");
        }
    }

    [Fact]
    public void CommandPrintsTheTablesAndRejectsUnknownTables()
    {
        var output = new StringWriter();
        var old = Console.Out;
        Console.SetOut(output);
        try
        {
            Assert.Equal(0, RlCommand.Create().Parse(["reproduce", "routing", "--smoke", "--tables", "14"]).Invoke());
            Assert.Equal(2, RlCommand.Create().Parse(["reproduce", "routing", "--smoke", "--tables", "5"]).Invoke());
        }
        finally
        {
            Console.SetOut(old);
        }
        Assert.Contains("Collapse example", output.ToString());
        Assert.Contains("bias −3: α = 0, ε = 0.01", output.ToString());
        Assert.Contains("Ablations", output.ToString());
        Assert.Contains("depth 3: Q-learning: r_f = −loss", output.ToString());
        Assert.Contains("wall", output.ToString());
    }
}
