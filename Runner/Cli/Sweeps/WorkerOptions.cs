namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>How a silo takes part in sweeps.</summary>
/// <param name="Slots">Trials it trains at once (0: it only coordinates).</param>
/// <param name="PollInterval">How often it asks for trials and renews its leases.</param>
/// <param name="Log">Receives a line per trial started and ended (null: none).</param>
public sealed record WorkerOptions(int Slots, TimeSpan PollInterval, TextWriter? Log = null)
{
    /// <summary>One slot per core, polling four times a second, silent.</summary>
    public static WorkerOptions Default { get; } = new(Environment.ProcessorCount, TimeSpan.FromMilliseconds(250));
}
