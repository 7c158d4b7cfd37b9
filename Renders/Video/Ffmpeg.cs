namespace RlFramework.Renders.Video;

/// <summary>Finds the ffmpeg executable.</summary>
internal static class Ffmpeg
{
    /// <summary>The hint shown when ffmpeg is missing.</summary>
    internal const string InstallCommand = "apt-get install ffmpeg";

    /// <summary>Full path of <paramref name="program"/> (e.g. "ffmpeg") on PATH (or the given search path), or null.</summary>
    internal static string? FindOnPath(string program, string? searchPath = null)
    {
        var path = searchPath ?? Environment.GetEnvironmentVariable("PATH");
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var names = OperatingSystem.IsWindows() ? new[] { program + ".exe", program } : [program];
        foreach (var dir in path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = System.IO.Path.Combine(dir, name);
                if (IsExecutable(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The ffmpeg to use: <paramref name="explicitPath"/> if given (must exist), else the one on PATH; throws the install hint when none.</summary>
    internal static string Resolve(string? explicitPath, string? searchPath = null)
    {
        if (explicitPath is not null)
        {
            if (!IsExecutable(explicitPath))
            {
                throw new MissingDependencyException("ffmpeg", InstallCommand, $"MP4 video needs ffmpeg, but the given ffmpeg path '{explicitPath}' is not an executable file. Install it (Debian/Ubuntu: {InstallCommand}) or write a .gif instead.");
            }

            return explicitPath;
        }

        return FindOnPath("ffmpeg", searchPath) ?? throw new MissingDependencyException(
            "ffmpeg",
            InstallCommand,
            $"MP4 video needs the ffmpeg program, but it is not on PATH. Install it (Debian/Ubuntu: {InstallCommand}) or record GIF instead (.gif, no dependencies).");
    }

    private static bool IsExecutable(string file)
    {
        if (!File.Exists(file))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        return (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}
