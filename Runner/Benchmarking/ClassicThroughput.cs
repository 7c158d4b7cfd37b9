using System.Diagnostics;
using System.Text.Json;
using RlFramework.Envs;
using RlFramework.Envs.Spaces;

namespace RlFramework.Runner.Benchmarking;

/// <summary>
/// Steps per second of the classic-control envs on one thread, the raw env (stepped as Gymnasium's unwrapped env is,
/// resetting at termination or the registered step limit) and the env from <see cref="Gym.Make"/> with its wrappers.
/// Actions come from a table made before timing (Discrete: uniform; Box: uniform within the bounds). Peer figures come
/// from <c>benchmarks/peers/classic/gymnasium_steps.py</c>'s JSON, measured in the same window.
/// </summary>
public static class ClassicThroughput
{
    /// <summary>The envs measured (CartPole-v1 as the known reference).</summary>
    public static IReadOnlyList<string> Ids { get; } = ["CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Acrobot-v1", "Pendulum-v1"];

    private const int ActionTableSize = 1024;

    /// <summary>Measures each env raw and made, <paramref name="steps"/> steps each after a warm-up of a tenth of that.</summary>
    /// <param name="steps">Steps per measurement.</param>
    /// <param name="peer">The peer's JSON (<c>{id: {"raw": {"steps", "wall", "cpu"}, "make": {...}}}</c>), or null.</param>
    public static IEnumerable<EnvStepThroughput> Measure(long steps, JsonElement? peer)
    {
        if (steps <= 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, $"--steps must be at least 1, got {steps}.");
        foreach (string id in Ids)
        {
            var spec = Gym.Spec(id);
            using (var raw = spec.EntryPoint(new EnvKwargs()))
                yield return Time($"{id} raw", raw, spec.MaxEpisodeSteps, steps, PeerRate(peer, id, "raw"));
            using (var made = Gym.Make(id))
                yield return Time($"{id} via Gym.Make", made, null, steps, PeerRate(peer, id, "make"));
        }
    }

    private static double? PeerRate(JsonElement? peer, string id, string variant)
    {
        if (peer is not { } json || !json.TryGetProperty(id, out var env) || !env.TryGetProperty(variant, out var figure)) return null;
        return figure.GetProperty("steps").GetDouble() / figure.GetProperty("cpu").GetDouble();
    }

    private static EnvStepThroughput Time(string name, IEnv env, int? limit, long steps, double? peer)
    {
        Func<long, long> run = env switch
        {
            IEnv<float[], int> discrete => DiscreteLoop(discrete, limit),
            IEnv<float[], float[]> continuous => ContinuousLoop(continuous, limit),
            _ => throw new ArgumentException($"{name}: no stepping loop for {env.ActionSpace}."),
        };
        run(Math.Max(1, steps / 10));
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        long taken = run(steps);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        process.Refresh();
        return new EnvStepThroughput(name, taken, seconds, (process.TotalProcessorTime - cpuBefore).TotalSeconds, allocated, peer);
    }

    private static Func<long, long> DiscreteLoop(IEnv<float[], int> env, int? limit)
    {
        var random = new Random(0);
        int n = ((Discrete)env.ActionSpace).N;
        var actions = Enumerable.Range(0, ActionTableSize).Select(_ => random.Next(n)).ToArray();
        return steps => Loop(env, actions, limit, steps);
    }

    private static Func<long, long> ContinuousLoop(IEnv<float[], float[]> env, int? limit)
    {
        var random = new Random(0);
        var box = (Box<float>)env.ActionSpace;
        var actions = Enumerable.Range(0, ActionTableSize)
            .Select(_ => Enumerable.Range(0, box.Size).Select(i => box.Low[i] + (box.High[i] - box.Low[i]) * random.NextSingle()).ToArray()).ToArray();
        return steps => Loop(env, actions, limit, steps);
    }

    /// <summary>Steps with the action table in turn; resets at termination, truncation or <paramref name="limit"/> steps.</summary>
    private static long Loop<TAct>(IEnv<float[], TAct> env, TAct[] actions, int? limit, long steps) where TAct : notnull
    {
        env.Reset(seed: 0);
        int t = 0, max = limit ?? int.MaxValue;
        for (long i = 0; i < steps; i++)
        {
            var result = env.Step(actions[i % ActionTableSize]);
            if (result.Done || ++t == max)
            {
                env.Reset();
                t = 0;
            }
        }
        return steps;
    }
}
