using System.Globalization;

namespace RlFramework.Runner.Runs;

/// <summary>
/// An exclusive, OS-level lock on a run folder, held by the one process that writes the run (train, resume). It is an
/// advisory lock on <c>run.lock</c> (flock on Linux and macOS, a share lock on Windows), so the OS releases it when the
/// holder exits, however it exits (a SIGKILL leaves no stale lock). The holder's pid and start time sit in
/// <c>run.owner</c>, for the message that refuses a second writer.
/// </summary>
public sealed class RunLock : IDisposable
{
    /// <summary>The lock file's name in a run folder.</summary>
    public const string FileName = "run.lock";

    /// <summary>The file that names the holder.</summary>
    public const string OwnerFileName = "run.owner";

    private readonly FileStream _lock;

    private RunLock(FileStream lockFile) => _lock = lockFile;

    /// <summary>Takes the lock of <paramref name="runFolder"/> (run <paramref name="runId"/>) or refuses at once.</summary>
    /// <exception cref="RunInUseException">Another process holds the run; the message gives its pid.</exception>
    public static RunLock Acquire(string runFolder, string runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runFolder);
        Directory.CreateDirectory(runFolder);
        FileStream stream;
        try
        {
            stream = new FileStream(Path.Combine(runFolder, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (File.Exists(Path.Combine(runFolder, FileName)))
        {
            throw new RunInUseException($"Run {runId} is in use by another process ({Owner(runFolder)}); wait for it to end or stop it first.", e);
        }
        AtomicFile.WriteAllBytes(Path.Combine(runFolder, OwnerFileName), System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId} on {Environment.MachineName} since {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC")));
        return new RunLock(stream);
    }

    private static string Owner(string runFolder)
    {
        try
        {
            return File.ReadAllText(Path.Combine(runFolder, OwnerFileName)).Trim();
        }
        catch (IOException)
        {
            return "its owner is not recorded";
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _lock.Dispose();
}
