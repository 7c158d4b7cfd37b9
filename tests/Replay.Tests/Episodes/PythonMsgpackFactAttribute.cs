using System.Collections.Concurrent;
using System.Diagnostics;

namespace RlFramework.Replay.Tests.Episodes;

/// <summary>A fact reported as skipped (with the reason) when /usr/bin/python3 cannot import msgpack, numpy and the extra modules.</summary>
public sealed class PythonMsgpackFactAttribute : FactAttribute
{
    /// <summary>Debian's Python, where python3-msgpack, python3-numpy and python3-lz4 install.</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly ConcurrentDictionary<string, bool> Available = new();

    /// <summary>Sets Skip when Python's msgpack, numpy or one of <paramref name="extraModules"/> (e.g. "lz4.block") is missing.</summary>
    public PythonMsgpackFactAttribute(params string[] extraModules)
    {
        string modules = string.Join(", ", ["msgpack", "numpy", .. extraModules]);
        if (!Available.GetOrAdd(modules, CanImport))
        {
            Skip = $"SKIPPED: /usr/bin/python3 cannot import {modules} (apt-get install python3-msgpack python3-numpy python3-lz4) — Python interop not checked.";
        }
    }

    private static bool CanImport(string modules)
    {
        if (!File.Exists(Python)) return false;
        var start = new ProcessStartInfo(Python, ["-c", $"import {modules}"]) { RedirectStandardError = true };
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
