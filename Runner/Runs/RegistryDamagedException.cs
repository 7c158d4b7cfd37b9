namespace RlFramework.Runner.Runs;

/// <summary>
/// The run registry file is empty or damaged. It is never replaced silently: the message names the file and says to run
/// <c>rl runs --rebuild</c>, which rebuilds it from the run folders and keeps the damaged file aside.
/// </summary>
public sealed class RegistryDamagedException : IOException
{
    /// <summary>Describes the damage of the registry at <paramref name="path"/>.</summary>
    /// <param name="path">The registry file.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="inner">The error that revealed it, if any.</param>
    public RegistryDamagedException(string path, string problem, Exception? inner = null)
        : base($"The run registry '{path}' is damaged: {problem.TrimEnd('.')}. Nothing was changed. The run folders next to it are intact: "
            + $"`rl runs --rebuild --out {Quoted(System.IO.Path.GetDirectoryName(path)!)}` rebuilds the registry from them (the damaged file is kept aside).", inner)
    {
        Path = path;
    }

    /// <summary>The registry file.</summary>
    public string Path { get; }

    private static string Quoted(string folder) => folder.Any(char.IsWhiteSpace) ? $"'{folder}'" : folder;
}
