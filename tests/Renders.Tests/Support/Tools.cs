using System.Diagnostics;

namespace RlFramework.Renders.Tests.Support;

/// <summary>Runs external tools (ffprobe, ffmpeg) for the tests.</summary>
internal static class Tools
{
    internal static string? Find(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var f = Path.Combine(dir, program);
            if (File.Exists(f))
            {
                return f;
            }
        }

        return null;
    }

    /// <summary>Runs a program, returns stdout as bytes; throws with stderr on failure.</summary>
    internal static byte[] Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var err = p.StandardError.ReadToEndAsync();
        using var ms = new MemoryStream();
        p.StandardOutput.BaseStream.CopyTo(ms);
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({p.ExitCode}): {err.Result}");
        }

        return ms.ToArray();
    }
}
