using System.Globalization;
using RlFramework.Agents.Trainers.Planning;
using RlFramework.Envs.RoboRally;
using RlFramework.Runner.Experiments.RoboRally;

namespace RlFramework.Runner.Tests.Experiments;

public class RoboRallyReproductionTests
{
    /// <summary>A smoke-sized reproduction: few end-to-end episodes and planning steps, the real decomposed model phase.</summary>
    private static readonly PlanningConfig Small = new() { Episodes = 300, PlanningSteps = 1500 };

    /// <summary>The map whose numbers these tests pin: the first default layout.</summary>
    private static RoboRallyMap PitAhead => RoboRallyMaps.Load("pitahead");

    [Fact]
    public void ASmallReproductionRunsBothSchemesAndDecomposedSolvesTheMap()
    {
        var lines = new StringWriter();
        var progress = new RoboRallyProgress(lines, 4, RoboRallyReproduction.MaxUnits(PitAhead, Small, 2), TimeSpan.Zero);
        var result = RoboRallyReproduction.Run(PitAhead, Small, runs: 2, seed: 10, progress: progress);
        var last = lines.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.StartsWith("roborally: 4 of 4 runs done, ", last);
        long units = 600 + result.Schemes[1].Runs.Sum(r => r.ModelEpisodes) + 2 * 1500;
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{units:N0} of at most {2 * (300 + 10_000 + 1500):N0} episodes and planning steps"), last);
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
        var map = PitAhead;
        var config = Small with { Episodes = 150, MaxModelEpisodes = 300, PlanningSteps = 300 };
        var one = RoboRallyReproduction.Run(map, config, runs: 3, threads: 1);
        var two = RoboRallyReproduction.Run(map, config, runs: 3, threads: 2);
        for (int k = 0; k < 2; k++)
            Assert.Equal(one.Schemes[k].Runs.Select(Describe), two.Schemes[k].Runs.Select(Describe));
    }

    private static string Describe(PlanningRunResult r) => $"{r.Seed} {RoboRallySolver.Describe(r.GreedyProgram)} {r.Return} {r.ModelError:R} {r.GoalEpisodes}";
}
