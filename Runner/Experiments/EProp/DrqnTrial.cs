using System.Diagnostics;
using RlFramework.Agents;
using RlFramework.Agents.Drqn;
using RlFramework.Envs;

namespace RlFramework.Runner.Experiments.EProp;

/// <summary>
/// Trains one DRQN agent in one env for a budget of episodes (the random ones included) and records when the mean
/// training return of the last 100 episodes first reached the solve threshold (195 on CartPole-v0). Stops at the
/// budget, or <see cref="ExtraEpisodesAfterSolve"/> episodes after solving. Every <c>evalEvery</c> episodes, and once at
/// the end, the greedy policy plays <c>evalEpisodes</c> episodes in a separate env (no exploration, no learning).
/// </summary>
public static class DrqnTrial
{
    /// <summary>Episodes in the moving mean that decides "solved".</summary>
    public const int Window = 100;

    /// <summary>Episodes the run continues after it solved the task, so the final mean return shows whether it stays solved.</summary>
    public const int ExtraEpisodesAfterSolve = 100;

    /// <summary>Reset seeds of evaluation episodes start here (+ 10,000 × seed), apart from the training episodes' seeds.</summary>
    private const int EvalSeedOffset = 1_000_000;

    /// <summary>
    /// Runs the trial; training reset seeds are seed, seed + 1, ... per episode. <paramref name="evalEvery"/> training
    /// episodes between greedy evaluations of <paramref name="evalEpisodes"/> episodes.
    /// </summary>
    public static DrqnTrialResult Run(string variant, DrqnConfig config, string envId, int seed, int episodeBudget, double threshold = 195.0,
        int evalEvery = 100, int evalEpisodes = 10)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (episodeBudget <= 0) throw new ArgumentOutOfRangeException(nameof(episodeBudget), episodeBudget, "The episode budget must be positive.");
        if (evalEvery <= 0) throw new ArgumentOutOfRangeException(nameof(evalEvery), evalEvery, "The evaluation interval must be a positive number of episodes.");
        if (evalEpisodes <= 0) throw new ArgumentOutOfRangeException(nameof(evalEpisodes), evalEpisodes, "The number of evaluation episodes must be positive.");
        long start = Stopwatch.GetTimestamp();
        using var env = Gym.Make<float[], int>(envId);
        using var evalEnv = Gym.Make<float[], int>(envId);
        int observationSize = env.Reset(seed).Observation.Length;
        int actionCount = (int)((Envs.Spaces.Discrete)env.ActionSpace).N;
        using var agent = new DrqnAgent(config, observationSize, actionCount, numEnvs: 1, seed);
        var greedy = agent.CreatePolicy(1);
        var returns = new List<double>(episodeBudget);
        var evaluations = new List<(int Episode, double MeanReturn)>();
        var observation = new float[observationSize];
        var next = new float[observationSize];
        int[] action = [0];
        double[] reward = [0];
        bool[] terminated = [false], truncated = [false];
        int? solvedAt = null;
        double windowSum = 0;
        for (int episode = 0; episode < episodeBudget && (solvedAt is null || episode < solvedAt + ExtraEpisodesAfterSolve); episode++)
        {
            env.Reset(seed + episode).Observation.CopyTo(observation, 0);
            agent.StartEpisode(0);
            double total = 0;
            while (true)
            {
                agent.Act(observation, action, explore: true);
                var step = env.Step(action[0]);
                step.Observation.CopyTo(next, 0);
                (reward[0], terminated[0], truncated[0]) = (step.Reward, step.Terminated, step.Truncated);
                agent.Observe(new Agents.Transitions<int>(observation, action, reward, next, terminated, truncated));
                total += step.Reward;
                (observation, next) = (next, observation);
                if (step.Terminated || step.Truncated) break;
            }
            returns.Add(total);
            windowSum += total - (returns.Count > Window ? returns[^(Window + 1)] : 0);
            if (solvedAt is null && returns.Count >= Window && windowSum / Window >= threshold) solvedAt = returns.Count;
            if (returns.Count % evalEvery == 0) evaluations.Add((returns.Count, Evaluate(greedy, evalEnv, EvalSeedOffset + 10_000 * seed, evalEpisodes)));
        }
        if (evaluations.Count == 0 || evaluations[^1].Episode != returns.Count)
            evaluations.Add((returns.Count, Evaluate(greedy, evalEnv, EvalSeedOffset + 10_000 * seed, evalEpisodes)));
        double final = returns.TakeLast(Window).Average();
        return new DrqnTrialResult(variant, envId, seed, solvedAt, final, evaluations, returns.Count, agent.Updates, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>The mean return of <paramref name="episodes"/> greedy episodes with reset seeds firstSeed, firstSeed + 1, ...</summary>
    private static double Evaluate(IPolicy<int> policy, IEnv<float[], int> env, int firstSeed, int episodes)
    {
        double sum = 0;
        var action = new int[1];
        for (int e = 0; e < episodes; e++)
        {
            var observation = env.Reset(firstSeed + e).Observation;
            policy.StartEpisode(0);
            while (true)
            {
                policy.Act(observation, action);
                var step = env.Step(action[0]);
                sum += step.Reward;
                if (step.Terminated || step.Truncated) break;
                observation = step.Observation;
            }
        }
        return sum / episodes;
    }
}
