namespace RlFramework.Envs.RoboRally;

/// <summary>A malformed RoboRally map; <see cref="Line"/> and <see cref="Column"/> (1-based) point at the problem.</summary>
public sealed class RoboRallyMapFormatException : FormatException
{
    /// <summary>Creates the error; the message is prefixed with <c>source:line:column:</c>.</summary>
    public RoboRallyMapFormatException(string source, int line, int column, string problem)
        : base($"{source}:{line}:{column}: {problem}")
    {
        Source = source;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The map's file name or name.</summary>
    public new string Source { get; }

    /// <summary>The 1-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the problem.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; }
}
