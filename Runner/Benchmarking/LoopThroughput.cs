using System.Diagnostics;
using RlFramework.Agents;
using RlFramework.Envs;
using RlFramework.Envs.Vector;
using RlFramework.Runner.Training;

namespace RlFramework.Runner.Benchmarking;

/// <summary>
/// The reactive training loop's overhead: a random agent on CartPole through <see cref="TrainingLoop{TAct}"/> (with a
/// subscriber counting episodes, no I/O) against a bare loop that steps the same vector env with the same agent.
/// </summary>
public static class LoopThroughput
{
    /// <summary>Measures both loops for each number of envs.</summary>
    public static IEnumerable<ThroughputResult> Measure(long steps, IReadOnlyList<int> envCounts)
    {
        if (steps <= 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "The number of steps must be positive.");
        foreach (int n in envCounts)
        {
            yield return Time($"bare loop, random agent, {n} envs", n, steps, Bare);
            yield return Time($"reactive TrainingLoop, random agent, {n} envs", n, steps, Reactive);
        }
    }

    private static ThroughputResult Time(string name, int envCount, long steps, Func<IVectorEnv<float, int>, IAgent<int>, long, long> run)
    {
        using var envs = Gym.MakeVec<float, int>("CartPole-v1", envCount, autoreset: AutoresetMode.SameStep);
        run(envs, new RandomAgent(2, envCount, seed: 0), Math.Max(envCount, steps / 10));
        var agent = new RandomAgent(2, envCount, seed: 0);
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long start = Stopwatch.GetTimestamp();
        long taken = run(envs, agent, steps);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new ThroughputResult(name, taken, seconds, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, null);
    }

    private static long Bare(IVectorEnv<float, int> envs, IAgent<int> agent, long steps)
    {
        var observations = new float[envs.NumEnvs * envs.ObservationSize];
        var actions = new int[envs.NumEnvs];
        envs.Reset(0).Observations.CopyTo(observations);
        long taken = 0;
        while (taken < steps)
        {
            agent.Act(observations, actions, explore: true);
            envs.Step(actions).Observations.CopyTo(observations);
            taken += actions.Length;
        }
        return taken;
    }

    private static long Reactive(IVectorEnv<float, int> envs, IAgent<int> agent, long steps)
    {
        using var loop = new TrainingLoop<int>(envs, agent);
        long episodes = 0;
        using var counter = loop.Episodes.Subscribe(_ => episodes++);
        return loop.Run(TrainingBudget.InSteps(steps), seed: 0).Steps;
    }
}
