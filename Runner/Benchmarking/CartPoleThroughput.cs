using System.Diagnostics;
using RlFramework.Envs;
using RlFramework.Envs.Classic;
using RlFramework.Envs.Vector;

namespace RlFramework.Runner.Benchmarking;

/// <summary>
/// CartPole steps per second: the raw env, the env from <see cref="Gym.Make"/> with its wrappers, and vector envs of
/// 1, 2 and 8 sub-envs. Gymnasium's figures for comparison were measured on our 2-core build machines
/// (shared/specs/envs-api.md): 146,000 raw steps/s and 129,000 via make, Gymnasium 1.3 on CPython 3.11.
/// </summary>
public static class CartPoleThroughput
{
    /// <summary>Gymnasium's raw <c>env.unwrapped.step</c> rate on our build machines.</summary>
    public const double GymnasiumRawStepsPerSecond = 146_000;

    /// <summary>Gymnasium's rate through <c>gymnasium.make</c>'s wrappers on our build machines.</summary>
    public const double GymnasiumMakeStepsPerSecond = 129_000;

    /// <summary>Runs every measurement with <paramref name="steps"/> env steps each (after a warm-up of a tenth of that).</summary>
    public static IEnumerable<ThroughputResult> Measure(long steps, IReadOnlyList<int> vectorSizes)
    {
        if (steps <= 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "The number of steps must be positive.");
        using (var raw = new CartPoleEnv())
            yield return Time("raw CartPoleEnv.Step", steps, GymnasiumRawStepsPerSecond, n => RunSingle(raw, n));
        using (var made = Gym.Make<float[], int>("CartPole-v1"))
            yield return Time("Gym.Make(\"CartPole-v1\") with wrappers", steps, GymnasiumMakeStepsPerSecond, n => RunSingle(made, n));
        foreach (var mode in new[] { VectorMode.Sync, VectorMode.Parallel })
        {
            foreach (int size in vectorSizes)
            {
                using var vector = Gym.MakeVec<float, int>("CartPole-v1", size, mode);
                yield return Time($"{mode} vector env, {size} envs", steps, null, n => RunVector(vector, n));
            }
        }
    }

    private static ThroughputResult Time(string name, long steps, double? peer, Func<long, long> run)
    {
        run(Math.Max(1, steps / 10));
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long start = Stopwatch.GetTimestamp();
        long taken = run(steps);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new ThroughputResult(name, taken, seconds, allocated, peer);
    }

    private static long RunSingle(IEnv<float[], int> env, long steps)
    {
        env.Reset(seed: 0);
        uint actionBits = 0x9E3779B9;
        for (long i = 0; i < steps; i++)
        {
            actionBits = actionBits * 1664525 + 1013904223; // a cheap LCG picks the actions, outside the env
            if (env.Step((int)(actionBits >> 31)).Done) env.Reset();
        }
        return steps;
    }

    private static long RunVector(IVectorEnv<float, int> env, long steps)
    {
        var actions = new int[env.NumEnvs];
        long calls = Math.Max(1, steps / env.NumEnvs);
        env.Reset(seed: 0);
        uint actionBits = 0x9E3779B9;
        for (long call = 0; call < calls; call++)
        {
            for (int e = 0; e < actions.Length; e++)
            {
                actionBits = actionBits * 1664525 + 1013904223;
                actions[e] = (int)(actionBits >> 31);
            }
            env.Step(actions);
        }
        return calls * env.NumEnvs;
    }
}
