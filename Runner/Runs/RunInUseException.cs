namespace RlFramework.Runner.Runs;

/// <summary>
/// Another process holds the run's lock (it trains or resumes the run now). It derives from
/// <see cref="InvalidOperationException"/>, which callers caught before it existed; catch it to tell a busy run from
/// other failures (a sweep worker hands such a trial back instead of failing it).
/// </summary>
public sealed class RunInUseException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public RunInUseException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    /// <param name="message">Names the run and its holder.</param>
    public RunInUseException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    /// <param name="message">Names the run and its holder.</param>
    /// <param name="innerException">The failure that revealed the lock.</param>
    public RunInUseException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
