namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>How the sweep's callers tell a coordinator that is briefly unreachable from a real failure.</summary>
internal static class GrainErrors
{
    /// <summary>
    /// The errors of a call whose grain's silo is gone and not yet declared dead (or is restarting): worth asking again,
    /// once Orleans has activated the grain elsewhere from its stored state (a rejected message, SiloUnavailableException
    /// among them, or a timeout).
    /// </summary>
    public static bool CannotAnswer(Exception e) => e is TimeoutException or OrleansMessageRejectionException;
}
