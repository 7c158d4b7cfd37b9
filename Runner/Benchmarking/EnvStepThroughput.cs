namespace RlFramework.Runner.Benchmarking;

/// <summary>One env-stepping measurement, with the peer's figure for the same workload when there is one.</summary>
/// <param name="Name">What was measured.</param>
/// <param name="Steps">Env steps taken.</param>
/// <param name="WallSeconds">Wall time.</param>
/// <param name="CpuSeconds">CPU time of the process over the same span (the loop runs on one thread).</param>
/// <param name="AllocatedBytes">Bytes allocated on the measuring thread.</param>
/// <param name="PeerCpuStepsPerSecond">The peer's steps per CPU second, if known.</param>
public sealed record EnvStepThroughput(string Name, long Steps, double WallSeconds, double CpuSeconds, long AllocatedBytes, double? PeerCpuStepsPerSecond)
{
    /// <summary>Steps per second of wall time.</summary>
    public double PerWallSecond => Steps / WallSeconds;

    /// <summary>Steps per second of CPU time.</summary>
    public double PerCpuSecond => Steps / CpuSeconds;

    /// <summary>Bytes allocated per step.</summary>
    public double BytesPerStep => (double)AllocatedBytes / Steps;

    /// <summary>How many times the peer's CPU-time rate this is, if there is a peer figure.</summary>
    public double? SpeedUp => PeerCpuStepsPerSecond is double peer ? PerCpuSecond / peer : null;
}
