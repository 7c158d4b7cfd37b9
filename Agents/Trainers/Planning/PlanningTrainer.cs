using RlFramework.Envs.RoboRally;
using RlFramework.Envs.Seeding;

namespace RlFramework.Agents.Trainers.Planning;

/// <summary>
/// Trains the planning world-model agent (Glasmachers 2017, section 4.3) on a RoboRally map with either
/// <see cref="TrainingScheme"/> and reports how its greedy program does. Programs run in a <see cref="RoboRallyEnv"/>
/// (one-hot observations); the world model learns from the observed (s, a, s', r). One run is single-threaded and
/// deterministic for its seed; runs are independent, so callers run them in parallel.
/// </summary>
public sealed class PlanningTrainer
{
    /// <summary>The most states a map may have: the dense world model then takes at most <see cref="MaxModelBytes"/>.</summary>
    public const int MaxStates = 1024;

    /// <summary>Training units (an episode or a planning step) between two progress reports of <see cref="Run"/>.</summary>
    public const int ProgressInterval = 500;

    private readonly RoboRallyMdp _mdp;
    private readonly double _optimalReturn;

    /// <summary>Prepares training on <paramref name="map"/> with <paramref name="config"/> (validated).</summary>
    /// <exception cref="ArgumentException">The map has more than <see cref="MaxStates"/> states; the message names its size and the limit.</exception>
    public PlanningTrainer(RoboRallyMap map, PlanningConfig config)
    {
        ArgumentNullException.ThrowIfNull(map);
        Config = config ?? throw new ArgumentNullException(nameof(config));
        config.Validate();
        if (map.StateCount > MaxStates)
        {
            throw new ArgumentException(
                $"Map '{map.Name}' is {map.Width}×{map.Height} = {map.Width * map.Height} cells, {map.StateCount} states; the planning agent's dense world model "
                + $"would take {LinearWorldModel.BytesFor(map.StateCount, RoboRallyMdp.ActionCount) / 1048576.0:F0} MiB. The limit is {MaxStates} states "
                + $"({MaxStates / 4} cells, e.g. 16×16; {MaxModelBytes / 1048576} MiB). Use a smaller map.", nameof(map));
        }

        Map = map;
        _mdp = new RoboRallyMdp(map);
        _optimalReturn = RoboRallySolver.ValueIteration(_mdp)[0][_mdp.StartState];
    }

    /// <summary>The world model's memory on the largest map allowed (<see cref="MaxStates"/>).</summary>
    public static long MaxModelBytes => LinearWorldModel.BytesFor(MaxStates, RoboRallyMdp.ActionCount);

    /// <summary>The map.</summary>
    public RoboRallyMap Map { get; }

    /// <summary>The hyperparameters.</summary>
    public PlanningConfig Config { get; }

    /// <summary>The map's optimal return (value iteration).</summary>
    public double OptimalReturn => _optimalReturn;

    /// <summary>
    /// The most training units (episodes plus planning steps) one run of <paramref name="scheme"/> takes; a decomposed
    /// run stops its model phase early once the model is good enough.
    /// </summary>
    public int MaxUnits(TrainingScheme scheme) => scheme == TrainingScheme.EndToEnd ? Config.Episodes : Config.MaxModelEpisodes + Config.PlanningSteps;

    /// <summary>
    /// Trains a fresh agent with <paramref name="scheme"/> from <paramref name="seed"/>. <paramref name="progress"/>
    /// (optional) receives the units done since its last report every <see cref="ProgressInterval"/> units, and the rest at the end.
    /// </summary>
    public PlanningRunResult Run(TrainingScheme scheme, long seed, IProgress<int>? progress = null)
    {
        var random = RandomGenerator.FromSeed(seed);
        using var env = new RoboRallyEnv(Map);
        env.Reset(seed: (int)(seed & int.MaxValue));
        var model = new LinearWorldModel(_mdp.StateCount, RoboRallyMdp.ActionCount, Config.WorldModelForm,
            Config.WorldModelInitialisation == WorldModelInitialisation.Random ? RandomGenerator.Derive(seed, "world-model-initialisation") : null);
        var selector = new ProgramSelector(RoboRallyMdp.ProgramLength, RoboRallyMdp.ActionCount);
        var trial = new MentalTrial(_mdp.StateCount, RoboRallyMdp.ActionCount, RoboRallyMdp.ProgramLength);
        var gradient = new double[RoboRallyMdp.ProgramLength * RoboRallyMdp.ActionCount];
        var program = new int[RoboRallyMdp.ProgramLength];
        int episodes = 0, goals = 0;
        if (scheme == TrainingScheme.EndToEnd)
        {
            for (; episodes < Config.Episodes; episodes++)
            {
                trial.Evaluate(model, selector, _mdp.StartState, gradient);
                selector.Ascend(gradient, Config.SelectorLearningRate);
                selector.Sample(random, program);
                if (RunProgram(env, program, model)) goals++;
                Report(progress, episodes + 1);
            }
        }
        else
        {
            var uniform = new ProgramSelector(RoboRallyMdp.ProgramLength, RoboRallyMdp.ActionCount);
            while (episodes < Config.MaxModelEpisodes)
            {
                uniform.Sample(random, program);
                if (RunProgram(env, program, model)) goals++;
                episodes++;
                Report(progress, episodes);
                if (episodes % Config.ModelCheckInterval == 0 && model.ErrorTo(_mdp) < Config.ModelErrorTolerance) break;
            }
            for (int step = 0; step < Config.PlanningSteps; step++)
            {
                trial.Evaluate(model, selector, _mdp.StartState, gradient);
                selector.Ascend(gradient, Config.SelectorLearningRate);
                Report(progress, episodes + step + 1);
            }
        }
        int units = scheme == TrainingScheme.EndToEnd ? episodes : episodes + Config.PlanningSteps;
        progress?.Report(units % ProgressInterval);
        var greedy = selector.Greedy();
        double greedyReturn = _mdp.Run(greedy).Return;
        return new PlanningRunResult(scheme, seed, greedy, greedyReturn, Classify(greedy, greedyReturn), model.ErrorTo(_mdp), episodes, goals);
    }

    /// <summary>How <paramref name="program"/> ends on the map, given its return.</summary>
    public ProgramOutcome Classify(ReadOnlySpan<int> program, double programReturn)
    {
        if (programReturn == _optimalReturn) return ProgramOutcome.Optimal;
        var (_, final) = _mdp.Run(program);
        var cell = Map[final / 4 % Map.Width, final / 4 / Map.Width];
        if (cell == RoboRallyCell.Goal) return ProgramOutcome.SuboptimalGoal;
        if (cell == RoboRallyCell.Pit) return ProgramOutcome.Pit;
        return program.Contains((int)RoboRallyAction.MoveForward) ? ProgramOutcome.Other : ProgramOutcome.TurningOnly;
    }

    private static void Report(IProgress<int>? progress, int units)
    {
        if (units % ProgressInterval == 0) progress?.Report(ProgressInterval);
    }

    /// <summary>Plays <paramref name="program"/> from a fresh reset and lets the model learn each transition; true when it ends on the goal.</summary>
    private bool RunProgram(RoboRallyEnv env, int[] program, LinearWorldModel model)
    {
        int state = Array.IndexOf(env.Reset().Observation, 1f);
        foreach (int action in program)
        {
            var step = env.Step(action);
            int next = Array.IndexOf(step.Observation, 1f);
            model.Learn(state, action, next, step.Reward, Config.SuccessorLearningRate, Config.RewardLearningRate);
            state = next;
        }
        return Map[env.State.X, env.State.Y] == RoboRallyCell.Goal;
    }
}
