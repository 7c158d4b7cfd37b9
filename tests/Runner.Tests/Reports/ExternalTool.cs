using System.Diagnostics;

namespace RlFramework.Runner.Tests.Reports;

/// <summary>Finds programs on PATH and runs them with a time limit.</summary>
internal static class ExternalTool
{
    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/>; returns the exit code and both outputs (killed after <paramref name="timeout"/>).</summary>
    public static (int ExitCode, string Output) Run(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {timeout.TotalSeconds} s.");
        }
        return (process.ExitCode, output.Result + error.Result);
    }
}
