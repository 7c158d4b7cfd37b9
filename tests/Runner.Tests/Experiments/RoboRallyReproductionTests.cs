using RlFramework.Agents.Planning;
using RlFramework.Envs.RoboRally;
using RlFramework.Runner.Experiments.RoboRally;

namespace RlFramework.Runner.Tests.Experiments;

public class RoboRallyReproductionTests
{
    /// <summary>A smoke-sized reproduction: few end-to-end episodes and planning steps, the real decomposed model phase.</summary>
    private static readonly PlanningConfig Small = new() { Episodes = 300, PlanningSteps = 1500 };

    [Fact]
    public void ASmallReproductionRunsBothSchemesAndDecomposedSolvesTheDefaultMap()
    {
        var result = RoboRallyReproduction.Run(RoboRallyMaps.Load(RoboRallyMaps.DefaultName), Small, runs: 2, seed: 10);
        Assert.Equal([TrainingScheme.EndToEnd, TrainingScheme.Decomposed], result.Schemes.Select(s => s.Scheme));
        Assert.All(result.Schemes, s => Assert.Equal([10L, 11L], s.Runs.Select(r => r.Seed)));
        var decomposed = result.Schemes[1];
        Assert.Equal(2, decomposed.Successes);
        Assert.Equal(20, decomposed.MeanReturn);
        Assert.True(decomposed.MeanModelError < Small.ModelErrorTolerance);
        Assert.True(result.Schemes[0].MeanModelError > decomposed.MeanModelError);
        Assert.Equal(20, result.Stats.OptimalReturn);
    }

    [Fact]
    public void TheResultsDoNotDependOnTheNumberOfThreads()
    {
        var map = RoboRallyMaps.Load(RoboRallyMaps.DefaultName);
        var config = Small with { Episodes = 150, MaxModelEpisodes = 300, PlanningSteps = 300 };
        var one = RoboRallyReproduction.Run(map, config, runs: 3, threads: 1);
        var two = RoboRallyReproduction.Run(map, config, runs: 3, threads: 2);
        for (int k = 0; k < 2; k++)
            Assert.Equal(one.Schemes[k].Runs.Select(Describe), two.Schemes[k].Runs.Select(Describe));
    }

    private static string Describe(PlanningRunResult r) => $"{r.Seed} {RoboRallySolver.Describe(r.GreedyProgram)} {r.Return} {r.ModelError:R} {r.GoalEpisodes}";
}
