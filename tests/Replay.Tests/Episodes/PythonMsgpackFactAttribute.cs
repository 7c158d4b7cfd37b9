using System.Diagnostics;

namespace RlFramework.Replay.Tests.Episodes;

/// <summary>A fact reported as skipped (with the reason) when /usr/bin/python3 cannot import msgpack and numpy.</summary>
public sealed class PythonMsgpackFactAttribute : FactAttribute
{
    /// <summary>Debian's Python, where python3-msgpack and python3-numpy install.</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<bool> Available = new(() =>
    {
        if (!File.Exists(Python)) return false;
        var start = new ProcessStartInfo(Python, ["-c", "import msgpack, numpy"]) { RedirectStandardError = true };
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode == 0;
    });

    /// <summary>Sets Skip when Python's msgpack or numpy is missing.</summary>
    public PythonMsgpackFactAttribute()
    {
        if (!Available.Value) Skip = "SKIPPED: /usr/bin/python3 lacks msgpack/numpy (apt-get install python3-msgpack python3-numpy) — Python interop not checked.";
    }
}
