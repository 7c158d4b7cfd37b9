using RlFramework.Agents.Routing.Learners;
using RlFramework.Models;
using RlFramework.Models.Routing;

namespace RlFramework.Agents.Tests.Routing.Learners;

public class RoutingTrainerTests
{
    private static (RoutingTrainer Trainer, float[] X, int[] Tasks, float[] Y) Setup(RoutingConfig config, long seed)
    {
        var g = new Generator(seed);
        var learner = RouterLearner.Create(config);
        var router = new TaskDispatchedRouter(2, 2, 3, skip: true, learner.Heads, learner.InitialTableRow(4));
        var trainer = new RoutingTrainer(RoutingFixtures.Network(router, g), config, seed);
        var x = new float[16];
        var y = new float[16];
        g.FillNormal(x, 0, 1);
        g.FillNormal(y, 0, 1);
        return (trainer, x, [0, 1, 1, 0, 0, 1, 0, 1], y);
    }

    private static RoutingStepResult Step(RoutingTrainer trainer, float[] x, int[] tasks, float[] y, ReadOnlySpan<DataRole> roles = default)
    {
        using var scope = torch.NewDisposeScope();
        var target = torch.tensor(y, [8, 2]);
        return trainer.Step(torch.tensor(x, [8, 2]), tasks, output => (output - target).pow(2).sum(1), (_, losses) => losses.Select(l => l < 1).ToArray(), roles);
    }

    private static float[] Parameters(RoutingTrainer trainer) => trainer.Network.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();

    [Theory]
    [InlineData(RouterAlgorithm.QLearning)]
    [InlineData(RouterAlgorithm.Advantage)]
    [InlineData(RouterAlgorithm.Reinforce)]
    [InlineData(RouterAlgorithm.ReinforceEpsilon)]
    [InlineData(RouterAlgorithm.Wpl)]
    public void SameSeedTrainsIdentically(RouterAlgorithm algorithm)
    {
        var config = new RoutingConfig { Algorithm = algorithm, CollaborationAlpha = 0.3, Kappa = 1 };
        float[] Train(long seed)
        {
            var (trainer, x, tasks, y) = Setup(config, seed);
            for (int i = 0; i < 25; i++) Step(trainer, x, tasks, y);
            return Parameters(trainer);
        }
        Assert.Equal(Train(7), Train(7));
        Assert.NotEqual(Train(7), Train(8));
    }

    [Fact]
    public void DataRolesKeepModuleAndRouterUpdatesApart()
    {
        var config = new RoutingConfig();
        var (trainer, x, tasks, y) = Setup(config, 1);
        float[] ModuleValues() => trainer.Network.ModuleParameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
        float[] RouterValues() => trainer.Network.Router.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
        var (modules, router) = (ModuleValues(), RouterValues());
        Step(trainer, x, tasks, y, Enumerable.Repeat(DataRole.Router, 8).ToArray());
        Assert.Equal(modules, ModuleValues());
        Assert.NotEqual(router, RouterValues());
        (modules, router) = (ModuleValues(), RouterValues());
        Step(trainer, x, tasks, y, Enumerable.Repeat(DataRole.Modules, 8).ToArray());
        Assert.NotEqual(modules, ModuleValues());
        Assert.Equal(router, RouterValues());
    }

    [Fact]
    public void KappaStopsModuleUpdatesOfExploratoryTrajectories()
    {
        // ε = 1 and a huge κ: (1 - e/t)^κ is 0 unless no decision was exploratory. Only sample 0 trains the modules.
        var config = new RoutingConfig { StartEpsilon = 1, EndEpsilon = 1, Kappa = 1000 };
        var (trainer, x, tasks, y) = Setup(config, 2);
        var roles = Enumerable.Range(0, 8).Select(i => i == 0 ? DataRole.Both : DataRole.Router).ToArray();
        var (changed, unchanged) = (0, 0);
        for (int i = 0; i < 40; i++)
        {
            var before = trainer.Network.ModuleParameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
            var step = Step(trainer, x, tasks, y, roles);
            var after = trainer.Network.ModuleParameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
            bool greedy = step.Trajectory.ExploratoryCount(0) == 0;
            Assert.Equal(greedy, !before.SequenceEqual(after));
            if (greedy) changed++; else unchanged++;
        }
        Assert.True(changed > 0 && unchanged > 0, $"both cases occur ({changed} greedy, {unchanged} exploratory)");
        Assert.Equal(1.0, trainer.Epsilon);
    }

    [Fact]
    public void WplNeedsATabularRouter()
    {
        var config = new RoutingConfig { Algorithm = RouterAlgorithm.Wpl };
        var router = new ActivationSubrouters(2, 2, 3, false, 2, 0, new Generator(1));
        var error = Assert.Throws<ArgumentException>(() => new RoutingTrainer(RoutingFixtures.Network(router, new Generator(1)), config));
        Assert.Contains("TaskDispatchedRouter", error.Message);
    }

    [Fact]
    public void ConfigRoundTripsThroughJsonAndNamesBadValues()
    {
        var config = new RoutingConfig { Algorithm = RouterAlgorithm.ReinforceEpsilon, CollaborationAlpha = -0.25, FinalReward = FinalRewardKind.NegativeLoss };
        Assert.Equal(config, RoutingConfig.FromJson(config.ToJson()));
        Assert.Contains("\"algorithm\": \"reinforce_epsilon\"", config.ToJson());
        var error = Assert.Throws<ArgumentException>(() => RoutingConfig.FromJson("{\"collaboration_alpha\": 2}"));
        Assert.Contains("collaboration_alpha = 2", error.Message);
        Assert.Throws<ArgumentException>(() => RoutingConfig.FromJson("{\"alpha\": 0.5}"));
        Assert.Equal(0.3, new RoutingConfig { StartEpsilon = 0.5, EndEpsilon = 0.1, ExplorationSteps = 100 }.EpsilonAt(50), 1e-12);
    }
}
