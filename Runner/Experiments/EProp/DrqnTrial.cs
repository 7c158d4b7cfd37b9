using System.Diagnostics;
using RlFramework.Agents.Drqn;
using RlFramework.Envs;

namespace RlFramework.Runner.Experiments.EProp;

/// <summary>
/// Trains one DRQN agent in one env for a budget of episodes (the random ones included) and records when the mean
/// return of the last 100 episodes first reached the solve threshold (195 on CartPole-v0). Stops at the budget, or
/// <see cref="ExtraEpisodesAfterSolve"/> episodes after solving.
/// </summary>
public static class DrqnTrial
{
    /// <summary>Episodes in the moving mean that decides "solved".</summary>
    public const int Window = 100;

    /// <summary>Episodes the run continues after it solved the task, so the final mean return shows whether it stays solved.</summary>
    public const int ExtraEpisodesAfterSolve = 100;

    /// <summary>Runs the trial; reset seeds are seed, seed + 1, ... per episode.</summary>
    public static DrqnTrialResult Run(string variant, DrqnConfig config, string envId, int seed, int episodeBudget, double threshold = 195.0)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (episodeBudget <= 0) throw new ArgumentOutOfRangeException(nameof(episodeBudget), episodeBudget, "The episode budget must be positive.");
        long start = Stopwatch.GetTimestamp();
        using var env = Gym.Make<float[], int>(envId);
        int observationSize = env.Reset(seed).Observation.Length;
        int actionCount = (int)((Envs.Spaces.Discrete)env.ActionSpace).N;
        using var agent = new DrqnAgent(config, observationSize, actionCount, numEnvs: 1, seed);
        var returns = new List<double>(episodeBudget);
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
                agent.Observe(new Agents.Transitions(observation, action, reward, next, terminated, truncated));
                total += step.Reward;
                (observation, next) = (next, observation);
                if (step.Terminated || step.Truncated) break;
            }
            returns.Add(total);
            windowSum += total - (returns.Count > Window ? returns[^(Window + 1)] : 0);
            if (solvedAt is null && returns.Count >= Window && windowSum / Window >= threshold) solvedAt = returns.Count;
        }
        double final = returns.TakeLast(Window).Average();
        return new DrqnTrialResult(variant, envId, seed, solvedAt, final, returns.Count, agent.Updates, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }
}
