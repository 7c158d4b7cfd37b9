using System.Diagnostics;
using RlFramework.Runner.Runs;

namespace RlFramework.Runner.Tests.Reliability;

/// <summary>
/// Kills real <c>rl train</c> processes at random points (SIGKILL) or stops them (SIGTERM), resumes them, and compares
/// the finished run with one trained without interruption: the final weights byte for byte, the logged metrics row for
/// row, and a registry holding one finished run.
/// </summary>
[Collection("processes")]
public sealed class FaultInjectionTests : IDisposable
{
    private static readonly string Rl = Path.Combine(AppContext.BaseDirectory, "rl.dll");
    private readonly TempDir _folder = new();

    public FaultInjectionTests() =>
        File.WriteAllText(_folder.File("dqn.json"), """{ "learning_starts": 1000, "buffer_size": 4000, "train_frequency": 4, "target_network_frequency": 250 }""");

    public void Dispose() => _folder.Dispose();

    private Process Start(string runs, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[Rl, "train", .. args, "--out", runs, "--quiet", "--threads", "1"]) info.ArgumentList.Add(arg);
        return Process.Start(info)!;
    }

    private Process StartNew(string runs, long steps) =>
        Start(runs, "--agent", "dqn", "--steps", steps.ToString(), "--checkpoint-every", "1500", "--seed", "5", "--config", _folder.File("dqn.json"));

    private static (int ExitCode, string Error) Finish(Process process)
    {
        string error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "rl train did not end within 5 minutes");
        return (process.ExitCode, error);
    }

    private static RunRecord? OnlyRun(string runs)
    {
        if (!RunRegistry.Exists(runs)) return null;
        using var registry = RunRegistry.Open(runs);
        var all = registry.List();
        Assert.True(all.Count <= 1, $"expected at most one run, found {all.Count}");
        return all.SingleOrDefault();
    }

    /// <summary>Starts the run, or resumes it when it is registered.</summary>
    private Process StartOrResume(string runs, long steps) => OnlyRun(runs) is { } run ? Start(runs, "--resume", run.Id) : StartNew(runs, steps);

    internal static byte[] FinalWeights(string runs, string id) =>
        File.ReadAllBytes(Directory.GetFiles(new CheckpointStore(Path.Combine(runs, id, "checkpoints")).List()[^1].Path, "dqn.safetensors", SearchOption.AllDirectories).Single());

    /// <summary>The metric rows without wall times and steps/s, the two things that depend on the clock.</summary>
    internal static string[] Metrics(string runs, string id) => File.ReadAllLines(Path.Combine(runs, id, "metrics.csv"))
        .Where(l => !l.Contains(",charts/SPS,", StringComparison.Ordinal)).Select(l => l[..l.LastIndexOf(',')]).ToArray();

    private (byte[] Weights, string[] Metrics) Uninterrupted(long steps)
    {
        string runs = _folder.File("straight");
        var (code, error) = Finish(StartNew(runs, steps));
        Assert.True(code == 0, error);
        var run = OnlyRun(runs)!;
        return (FinalWeights(runs, run.Id), Metrics(runs, run.Id));
    }

    private static void AssertFinishedLike(string runs, (byte[] Weights, string[] Metrics) expected)
    {
        var run = OnlyRun(runs)!;
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal(expected.Weights, FinalWeights(runs, run.Id));
        Assert.Equal(expected.Metrics, Metrics(runs, run.Id));
        Assert.Empty(Directory.GetDirectories(Path.Combine(runs, run.Id, "checkpoints"), ".*"));
    }

    [Fact]
    public void RunsKilledAtRandomPointsResumeToTheUninterruptedResult()
    {
        const long steps = 12_000;
        var expected = Uninterrupted(steps);
        string runs = _folder.File("killed");
        var random = new Random(20261207);
        int killedMidRun = 0;
        // On a fast machine a process may finish the budget before its kill comes; then there is nothing left to resume.
        for (int kill = 0; kill < 4 && OnlyRun(runs) is not { Status: RunStatus.Finished }; kill++)
        {
            using var process = StartOrResume(runs, steps);
            Thread.Sleep(TimeSpan.FromMilliseconds(300 + random.Next(1500)));
            if (!process.HasExited)
            {
                process.Kill(); // SIGKILL: no handler runs, nothing is flushed
                killedMidRun++;
            }
            process.WaitForExit();
        }
        Assert.True(killedMidRun > 0, "every process finished before its kill came: the test killed nothing");
        if (OnlyRun(runs) is not { Status: RunStatus.Finished })
        {
            using var last = StartOrResume(runs, steps);
            var (code, error) = Finish(last);
            Assert.True(code == 0, error);
        }
        AssertFinishedLike(runs, expected);
    }

    [Fact]
    public void SigtermWritesACheckpointAndExits143()
    {
        const long steps = 60_000; // long enough that the signal, sent at the first checkpoint, comes before the end
        var expected = Uninterrupted(steps);
        string runs = _folder.File("terminated");
        using (var process = StartNew(runs, steps))
        {
            while (!process.HasExited && (OnlyRun(runs) is not { } run || new CheckpointStore(Path.Combine(runs, run.Id, "checkpoints")).List().Count == 0))
                Thread.Sleep(20);
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) kill.WaitForExit();
            var (code, error) = Finish(process);
            Assert.Equal(143, code);
            Assert.Contains("SIGTERM: stopping after this step and writing a checkpoint", error);
        }
        var stopped = OnlyRun(runs)!;
        Assert.Equal(RunStatus.Interrupted, stopped.Status);
        using (var resume = Start(runs, "--resume", stopped.Id))
        {
            var (code, error) = Finish(resume);
            Assert.True(code == 0, error);
        }
        AssertFinishedLike(runs, expected);
    }
}
