namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>The board's persistent state: the ids of the unfinished sweeps, oldest first.</summary>
[GenerateSerializer]
public sealed class SweepBoardState
{
    /// <summary>The unfinished sweeps.</summary>
    [Id(0)] public List<string> Sweeps { get; set; } = [];
}
