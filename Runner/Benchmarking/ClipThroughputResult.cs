namespace RlFramework.Runner.Benchmarking;

/// <summary>One clip-env measurement.</summary>
/// <param name="Name">What was measured.</param>
/// <param name="Count">Frames (or resets) produced.</param>
/// <param name="WallSeconds">Wall time.</param>
/// <param name="CpuSeconds">CPU time of the process over the same span.</param>
public sealed record ClipThroughputResult(string Name, long Count, double WallSeconds, double CpuSeconds)
{
    /// <summary>Per second of wall time.</summary>
    public double PerWallSecond => Count / WallSeconds;

    /// <summary>Per second of CPU time.</summary>
    public double PerCpuSecond => Count / CpuSeconds;
}
