namespace RlFramework.Runner.Benchmarking;

/// <summary>One throughput measurement.</summary>
/// <param name="Name">What was measured.</param>
/// <param name="Steps">Env steps taken (summed over sub-envs for vector envs).</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="AllocatedBytes">Bytes allocated on all threads while measuring.</param>
/// <param name="PeerStepsPerSecond">The peer's figure for the same workload, if there is one.</param>
public sealed record ThroughputResult(string Name, long Steps, double Seconds, long AllocatedBytes, double? PeerStepsPerSecond)
{
    /// <summary>Env steps per second.</summary>
    public double StepsPerSecond => Steps / Seconds;

    /// <summary>Bytes allocated per env step.</summary>
    public double BytesPerStep => (double)AllocatedBytes / Steps;

    /// <summary>How many times the peer's rate this is, if there is a peer figure.</summary>
    public double? SpeedUp => PeerStepsPerSecond is double peer ? StepsPerSecond / peer : null;
}
