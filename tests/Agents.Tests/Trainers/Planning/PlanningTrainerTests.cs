using RlFramework.Agents.Trainers.Planning;
using RlFramework.Envs.RoboRally;
using RlFramework.Envs.Seeding;

namespace RlFramework.Agents.Tests.Trainers.Planning;

public class PlanningTrainerTests
{
    /// <summary>The map these tests pin numbers on: the first default layout (pit three cells ahead of the start).</summary>
    private static RoboRallyMap DefaultMap => RoboRallyMaps.Load("pitahead");

    /// <summary>Trains a fresh model on <paramref name="episodes"/> uniformly random programs played in the env.</summary>
    private static LinearWorldModel LearnFromRandomPrograms(RoboRallyMap map, int episodes, int seed)
    {
        var model = new LinearWorldModel(map.StateCount, RoboRallyMdp.ActionCount);
        var random = RandomGenerator.FromSeed(seed);
        using var env = new RoboRallyEnv(map);
        for (int episode = 0; episode < episodes; episode++)
        {
            int state = Array.IndexOf(env.Reset().Observation, 1f);
            for (int t = 0; t < RoboRallyMdp.ProgramLength; t++)
            {
                int action = (int)random.Integers(RoboRallyMdp.ActionCount);
                var step = env.Step(action);
                int next = Array.IndexOf(step.Observation, 1f);
                model.Learn(state, action, next, step.Reward, 1.0, 0.5);
                state = next;
            }
        }
        return model;
    }

    [Fact]
    public void TheWorldModelRecoversTheExactMdpFromRandomPrograms()
    {
        // A small map with every kind of cell, where random programs visit every state the robot can act in.
        var map = RoboRallyMap.Parse("start 0 1 north\n^.G\nL>O\n", "small");
        var mdp = new RoboRallyMdp(map);
        var model = LearnFromRandomPrograms(map, 20_000, 4);
        Assert.True(model.ErrorTo(mdp) < 0.01, $"final error {model.ErrorTo(mdp)}");
        foreach (int s in mdp.ActingStates())
        {
            for (int a = 0; a < RoboRallyMdp.ActionCount; a++)
            {
                var successors = model.Successors(s, a);
                // Cross-entropy SGD approaches the one-hot columns like 1 − O(1/visits); the rarest pair here is seen ~100 times.
                Assert.Equal(mdp.Next(s, a), successors.ToArray().Index().MaxBy(p => p.Item).Index);
                Assert.True(successors[mdp.Next(s, a)] > 0.8, $"P({mdp.Next(s, a)}|{s},{a}) = {successors[mdp.Next(s, a)]}");
                Assert.True(Math.Abs(mdp.Reward(s, a) - model.Reward(s, a)) < 0.05, $"R({s},{a}) = {model.Reward(s, a)}, true {mdp.Reward(s, a)}");
            }
        }
    }

    [Fact]
    public void OnTheDefaultMapTheErrorWhereRandomProgramsGoFallsBelowTheTolerance()
    {
        var mdp = new RoboRallyMdp(DefaultMap);
        Assert.True(new LinearWorldModel(mdp.StateCount, RoboRallyMdp.ActionCount).ErrorTo(mdp) > 0.9);
        var model = LearnFromRandomPrograms(DefaultMap, 4000, 4);
        Assert.True(model.ErrorTo(mdp) < new PlanningConfig().ModelErrorTolerance, $"final error {model.ErrorTo(mdp)}");
    }

    [Fact]
    public void PlanningAgainstTheExactModelFindsTheOptimalProgram()
    {
        var mdp = new RoboRallyMdp(DefaultMap);
        var model = new LinearWorldModel(mdp.StateCount, RoboRallyMdp.ActionCount);
        for (int s = 0; s < mdp.StateCount; s++)
        {
            for (int a = 0; a < RoboRallyMdp.ActionCount; a++)
            {
                model.SuccessorWeights(s, a)[mdp.Next(s, a)] = 30;
                model.Refresh(s, a);
                model.SetReward(s, a, mdp.Reward(s, a));
            }
        }

        Assert.True(model.ErrorTo(mdp) < 1e-9);
        var selector = new ProgramSelector(RoboRallyMdp.ProgramLength, RoboRallyMdp.ActionCount);
        var trial = new MentalTrial(mdp.StateCount, RoboRallyMdp.ActionCount, RoboRallyMdp.ProgramLength);
        var gradient = new double[20];
        double first = trial.Evaluate(model, selector, mdp.StartState, gradient);
        for (int step = 0; step < 2000; step++)
        {
            trial.Evaluate(model, selector, mdp.StartState, gradient);
            selector.Ascend(gradient, new PlanningConfig().SelectorLearningRate);
        }
        Assert.Equal("RFFF", RoboRallySolver.Describe(selector.Greedy())[..4]);
        Assert.Equal(RoboRallySolver.ValueIteration(mdp)[0][mdp.StartState], mdp.Run(selector.Greedy()).Return);
        Assert.True(first < 0 && trial.Evaluate(model, selector, mdp.StartState, []) > 19.9);
    }

    [Fact]
    public void ARunIsDeterministicForItsSeed()
    {
        // Decomposed training on the default map is exercised by the reproduction smoke test (Runner.Tests).
        var trainer = new PlanningTrainer(DefaultMap, new PlanningConfig { Episodes = 300 });
        var a = trainer.Run(TrainingScheme.EndToEnd, 3);
        var b = trainer.Run(TrainingScheme.EndToEnd, 3);
        Assert.Equal(a.GreedyProgram, b.GreedyProgram);
        Assert.Equal((a.ModelError, a.GoalEpisodes, a.Return), (b.ModelError, b.GoalEpisodes, b.Return));
        Assert.Equal(300, a.ModelEpisodes);
        Assert.NotEqual(a.ModelError, trainer.Run(TrainingScheme.EndToEnd, 4).ModelError);
        Assert.Equal(20, trainer.OptimalReturn);
    }

    [Theory]
    [InlineData("RRLLR", 0, ProgramOutcome.TurningOnly)]
    [InlineData("RWLLW", -2, ProgramOutcome.TurningOnly)]
    [InlineData("FFFLL", -32, ProgramOutcome.Pit)]
    [InlineData("RFFWF", 9, ProgramOutcome.SuboptimalGoal)]
    [InlineData("RFFFL", 20, ProgramOutcome.Optimal)]
    [InlineData("RFLLL", 0, ProgramOutcome.Other)]
    public void GreedyProgramsAreClassifiedByHowTheyEnd(string letters, double expectedReturn, ProgramOutcome outcome)
    {
        var trainer = new PlanningTrainer(DefaultMap, new PlanningConfig());
        int[] program = [.. letters.Select(c => "FLRW".IndexOf(c))];
        double programReturn = new RoboRallyMdp(DefaultMap).Run(program).Return;
        Assert.Equal(expectedReturn, programReturn);
        Assert.Equal(outcome, trainer.Classify(program, programReturn));
    }

    [Fact]
    public void TheConfigReadsSnakeCaseJsonAndRejectsBadValues()
    {
        var config = PlanningConfig.FromJson("""{ "episodes": 50, "selector_learning_rate": 0.3 }""");
        Assert.Equal((50, 0.3, 1.0), (config.Episodes, config.SelectorLearningRate, config.SuccessorLearningRate));
        Assert.Equal(config, PlanningConfig.FromJson(config.ToJson()));
        Assert.Contains("episodes", Assert.Throws<ArgumentException>(() => PlanningConfig.FromJson("""{ "episodes": 0 }""")).Message);
        Assert.Contains("learning_rate", Assert.Throws<ArgumentException>(() => PlanningConfig.FromJson("""{ "learning_rate": 1 }""")).Message);
    }

    [Fact]
    public void AMapAboveTheStateLimitIsRefusedWithItsSizeAndTheLimit()
    {
        var cells = Enumerable.Repeat(RoboRallyCell.Empty, 17 * 16).ToArray();
        cells[^1] = RoboRallyCell.Goal;
        var map = new RoboRallyMap("wide", 17, 16, cells, new RoboRallyState(0, 15, Heading.North));
        var error = Assert.Throws<ArgumentException>(() => new PlanningTrainer(map, new PlanningConfig()));
        Assert.Contains("17×16", error.Message);
        Assert.Contains("1088 states", error.Message);
        Assert.Contains($"limit is {PlanningTrainer.MaxStates} states", error.Message);
        var largest = new RoboRallyMap("largest", 16, 16, cells[..256].Select((c, i) => i == 255 ? RoboRallyCell.Goal : c).ToArray(), new RoboRallyState(0, 15, Heading.North));
        Assert.Equal(PlanningTrainer.MaxStates, largest.StateCount);
        Assert.Equal(1024L * 4 * (2 * 1024 + 1) * 8, PlanningTrainer.MaxModelBytes);
        _ = new PlanningTrainer(largest, new PlanningConfig());
    }

    [Theory]
    [InlineData(TrainingScheme.EndToEnd)]
    [InlineData(TrainingScheme.Decomposed)]
    public void ARunReportsEveryTrainingUnitAsProgress(TrainingScheme scheme)
    {
        var trainer = new PlanningTrainer(DefaultMap, new PlanningConfig { Episodes = 1200, MaxModelEpisodes = 700, ModelCheckInterval = 50, PlanningSteps = 900 });
        var reports = new List<int>();
        var result = trainer.Run(scheme, 5, new SynchronousProgress(reports.Add));
        int expected = scheme == TrainingScheme.EndToEnd ? 1200 : result.ModelEpisodes + 900;
        Assert.Equal(expected, reports.Sum());
        Assert.All(reports[..^1], r => Assert.Equal(PlanningTrainer.ProgressInterval, r));
        Assert.True(expected <= trainer.MaxUnits(scheme));
    }

    [Fact]
    public void TheConfigReadsTheWorldModelFormAndInitialisation()
    {
        // The defaults are the paper's: a projected linear successor layer, randomly initialised; today's softmax columns are selectable.
        Assert.Equal((WorldModelForm.SimplexProjection, WorldModelInitialisation.Random), (new PlanningConfig().WorldModelForm, new PlanningConfig().WorldModelInitialisation));
        var config = PlanningConfig.FromJson("""{ "world_model_form": "softmax", "world_model_initialisation": "uniform" }""");
        Assert.Equal((WorldModelForm.Softmax, WorldModelInitialisation.Uniform), (config.WorldModelForm, config.WorldModelInitialisation));
        Assert.Equal(config, PlanningConfig.FromJson(config.ToJson()));
        Assert.Contains("world_model_form", Assert.Throws<ArgumentException>(() => (new PlanningConfig() with { WorldModelForm = (WorldModelForm)7 }).Validate()).Message);
    }

    [Fact]
    public void RandomInitialisationChangesARunAndStaysDeterministic()
    {
        var uniform = new PlanningTrainer(DefaultMap, new PlanningConfig { Episodes = 200, WorldModelInitialisation = WorldModelInitialisation.Uniform });
        var random = new PlanningTrainer(DefaultMap, new PlanningConfig { Episodes = 200, WorldModelInitialisation = WorldModelInitialisation.Random });
        Assert.Equal(random.Run(TrainingScheme.EndToEnd, 2).ModelError, random.Run(TrainingScheme.EndToEnd, 2).ModelError);
        Assert.NotEqual(uniform.Run(TrainingScheme.EndToEnd, 2).ModelError, random.Run(TrainingScheme.EndToEnd, 2).ModelError);
    }

    /// <summary>Calls back on the reporting thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
