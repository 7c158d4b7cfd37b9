namespace RlFramework.Runner.Training;

/// <summary>How a run of the training loop ended.</summary>
/// <param name="Steps">Env steps taken (summed over envs).</param>
/// <param name="Episodes">Episodes finished.</param>
/// <param name="Seconds">Wall time of the loop.</param>
/// <param name="Interrupted">True when cancellation or a stop request ended it before its step budget.</param>
public sealed record TrainingResult(long Steps, long Episodes, double Seconds, bool Interrupted)
{
    /// <summary>Env steps per second.</summary>
    public double StepsPerSecond => Seconds > 0 ? Steps / Seconds : 0;
}
