namespace RlFramework.Renders;

/// <summary>A native library or external program needed for rendering or video is not installed.</summary>
public sealed class MissingDependencyException : Exception
{
    /// <summary>Creates the exception for a missing dependency with the command that installs it.</summary>
    public MissingDependencyException(string dependency, string installCommand, string message)
        : base(message)
    {
        Dependency = dependency;
        InstallCommand = installCommand;
    }

    /// <summary>What is missing, e.g. "ffmpeg".</summary>
    public string Dependency { get; }

    /// <summary>The command that installs it on Debian/Ubuntu, e.g. "apt-get install ffmpeg".</summary>
    public string InstallCommand { get; }
}
