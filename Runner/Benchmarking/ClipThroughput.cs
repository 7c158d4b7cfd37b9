using System.Diagnostics;
using RlFramework.Envs;

namespace RlFramework.Runner.Benchmarking;

/// <summary>
/// Frames per second of the clip envs (Room Runner, Funnel Board and their perturbed variants) on one thread: whole
/// clips (Reset simulates the scene to the end and draws frame 0, each Step draws one frame), and Resets alone
/// (the simulation, resampling included, plus one frame). Each rate is given per second of wall time and per second of
/// this process's CPU time (the loop runs on one thread), which other jobs on the machine disturb far less.
/// </summary>
public static class ClipThroughput
{
    /// <summary>The clip envs measured.</summary>
    public static IReadOnlyList<string> Ids { get; } = ["RoomRunner-v0", "RoomRunnerDirect-v0", "FunnelBoard-v0", "FunnelBoardLowBounce-v0"];

    /// <summary>Measures each env over <paramref name="clips"/> clips (seeds 0, 1, ...) after a warm-up clip.</summary>
    public static IEnumerable<ClipThroughputResult> Measure(int clips)
    {
        if (clips <= 0) throw new ArgumentOutOfRangeException(nameof(clips), clips, "The number of clips must be positive.");
        foreach (string id in Ids)
        {
            using var env = Gym.Make<byte[], int>(id);
            Play(env, 0, 1, stepToEnd: true);
            yield return Time($"{id}: frames of whole clips", () => Play(env, 1, clips, stepToEnd: true));
            yield return Time($"{id}: resets (simulation + frame 0)", () => Play(env, 1, clips, stepToEnd: false));
        }
    }

    /// <summary>Plays clips with seeds first..first+count−1; returns the frames observed (or the resets when not stepping).</summary>
    private static long Play(IEnv<byte[], int> env, int first, int count, bool stepToEnd)
    {
        long frames = 0;
        for (int seed = first; seed < first + count; seed++)
        {
            env.Reset(seed: seed);
            frames++;
            if (!stepToEnd) continue;
            while (!env.Step(0).Done) frames++;
            frames++;
        }
        return frames;
    }

    /// <summary>Runs <paramref name="run"/> (which returns how many items it produced) and measures its wall and process CPU time.</summary>
    internal static ClipThroughputResult Time(string name, Func<long> run)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        long frames = run();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        process.Refresh();
        return new ClipThroughputResult(name, frames, seconds, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
    }
}
