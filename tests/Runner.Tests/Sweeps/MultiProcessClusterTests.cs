using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using RlFramework.Runner.Runs;
using RlFramework.Runner.Tests.Logging;

namespace RlFramework.Runner.Tests.Sweeps;

/// <summary>
/// The real thing on one machine: PostgreSQL, three <c>rl worker</c> processes and one <c>rl sweep --cluster</c>; the
/// worker training a trial that has written a checkpoint is SIGKILLed, and once a trial has finished the coordinator
/// (<c>rl sweep</c>) is SIGKILLed and started again. Every trial must still finish exactly once, the killed one resumed
/// by another worker, with the weights and metrics of the same run trained alone; the restarted coordinator picks the
/// sweep up where it stands.
/// </summary>
[Collection("processes")]
public sealed partial class MultiProcessClusterTests : IDisposable
{
    private static readonly string Rl = Path.Combine(AppContext.BaseDirectory, "rl.dll");
    private readonly TempDir _folder = new();
    private readonly List<(Process Process, StringBuilder Output)> _processes = [];

    public void Dispose()
    {
        foreach (var (process, _) in _processes)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
        _folder.Dispose();
    }

    private (Process Process, StringBuilder Output) Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[Rl, .. args]) info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add((process, output));
        return (process, output);
    }

    private static string Text(StringBuilder output)
    {
        lock (output) return output.ToString();
    }

    private static void WaitFor(Func<bool> condition, TimeSpan timeout, Func<string> what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout) Assert.Fail($"timed out after {timeout.TotalSeconds} s waiting for {what()}");
            Thread.Sleep(100);
        }
    }

    [GeneratedRegex(@"cartpole-v1-dqn-[0-9-]+-s[0-9]+(-[0-9]+)?")]
    private static partial Regex RunIdPattern();

    [PostgresFact]
    public void AWorkerKilledMidTrialAndARestartedCoordinatorLoseNothingAndRunNothingTwice()
    {
        using var postgres = PostgresServer.Start();
        var workers = Enumerable.Range(0, 3).Select(_ => Start("worker", "--cluster", postgres.ConnectionString, "--slots", "1", "--port", "0", "--gateway-port", "0")).ToList();
        foreach (var (process, output) in workers)
            WaitFor(() => Text(output).Contains("worker joined", StringComparison.Ordinal), TimeSpan.FromMinutes(5), () => $"a worker to join: {Text(output)}");

        string runs = _folder.File("runs");
        File.WriteAllText(_folder.File("sweep.json"), SweepTestCluster.SweepFile(steps: 3000));
        string[] sweepCommand = ["sweep", _folder.File("sweep.json"), "--cluster", postgres.ConnectionString, "--out", runs, "--lease", "5"];
        var first = Start(sweepCommand);

        // SIGKILL the worker of a running trial once that trial has a checkpoint
        RunRecord? victim = null;
        WaitFor(() => (victim = RunningWithCheckpoint(runs)) is not null, TimeSpan.FromMinutes(5), () => $"a trial with a checkpoint: {Text(first.Output)}");
        var killed = workers.Single(w => w.Process.Id == victim!.ProcessId).Process;
        killed.Kill();
        killed.WaitForExit();

        // SIGKILL the coordinator once the sweep has recorded a finished trial (a run can be finished in the registry a
        // moment before its worker reports it), and start it again: it resumes the sweep as it stands
        WaitFor(() => CountsAFinishedTrial(Text(first.Output)), TimeSpan.FromMinutes(5), () => $"a finished trial: {Text(first.Output)}");
        first.Process.Kill();
        first.Process.WaitForExit();
        string sweepId = SweepIdPattern().Match(Text(first.Output)).Value;
        var sweep = Start(sweepCommand);

        Assert.True(sweep.Process.WaitForExit(TimeSpan.FromMinutes(8)), $"the sweep did not end: {Text(sweep.Output)}");
        sweep.Process.WaitForExit();
        string summary = Text(sweep.Output);
        Assert.True(sweep.Process.ExitCode == 0, summary);
        Assert.Contains("done 4/4  running 0  pending 0  failed 0", summary, StringComparison.Ordinal);
        Assert.Contains($"{sweepId}: 4 trials", summary, StringComparison.Ordinal);
        Assert.True(int.Parse(ProgressPattern().Match(summary).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0,
            $"the restarted coordinator started the sweep over: {summary}");
        var runIds = RunIdPattern().Matches(summary).Select(m => m.Value).Distinct().ToList();
        Assert.Equal(4, runIds.Count);
        SweepTestCluster.AssertEachTrialFinishedOnce(runs, runIds);
        Assert.Contains(workers.Where(w => w.Process != killed), w => Text(w.Output).Contains($"resuming {victim!.Id}", StringComparison.Ordinal));
        SweepTestCluster.AssertSameAsAlone(runs, victim!.Id, _folder.File("alone"));
    }

    [GeneratedRegex(@"sweep-[0-9a-f]{12}")]
    private static partial Regex SweepIdPattern();

    [GeneratedRegex(@"done ([0-9]+)/4")]
    private static partial Regex ProgressPattern();

    private static bool CountsAFinishedTrial(string progress) =>
        ProgressPattern().Matches(progress).Any(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0);

    private static RunRecord? RunningWithCheckpoint(string runs)
    {
        if (!RunRegistry.Exists(runs)) return null;
        using var registry = RunRegistry.Open(runs);
        return registry.List().FirstOrDefault(r => r.Status == RunStatus.Running
            && Directory.Exists(Path.Combine(runs, r.Id, "checkpoints")) && Directory.GetDirectories(Path.Combine(runs, r.Id, "checkpoints"), "step-*").Length > 0);
    }
}
