namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>The same trials run one after another in one process and through the embedded silo (one slot).</summary>
/// <param name="Trials">How many trials.</param>
/// <param name="Sequential">Wall time of the trials one after another in this process, without Orleans.</param>
/// <param name="Embedded">Wall time through the embedded silo with one slot, its start and stop included.</param>
/// <param name="SequentialCpu">CPU time of this process for the sequential trials.</param>
/// <param name="EmbeddedCpu">CPU time of this process for the trials through the silo.</param>
/// <param name="Identical">Whether every trial reached the same metric, bit for bit, both ways.</param>
public sealed record SweepOverheadResult(int Trials, TimeSpan Sequential, TimeSpan Embedded, TimeSpan SequentialCpu, TimeSpan EmbeddedCpu, bool Identical)
{
    /// <summary>The extra wall time per trial of going through the silo.</summary>
    public TimeSpan OverheadPerTrial => (Embedded - Sequential) / Trials;

    /// <summary>The extra CPU time per trial of going through the silo (less sensitive than wall time to other load on the machine).</summary>
    public TimeSpan CpuOverheadPerTrial => (EmbeddedCpu - SequentialCpu) / Trials;
}
