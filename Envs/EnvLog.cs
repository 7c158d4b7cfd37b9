namespace RlFramework.Envs;

/// <summary>
/// Where envs and wrappers report warnings (Gymnasium's <c>logger.warn</c>): raised as <see cref="Warned"/> and,
/// unless <see cref="WriteToStandardError"/> is off, printed to standard error.
/// </summary>
public static class EnvLog
{
    /// <summary>Raised with each warning's text.</summary>
    public static event Action<string>? Warned;

    /// <summary>Whether warnings are printed to standard error (default true).</summary>
    public static bool WriteToStandardError { get; set; } = true;

    /// <summary>Reports a warning.</summary>
    public static void Warn(string message)
    {
        Warned?.Invoke(message);
        if (WriteToStandardError) Console.Error.WriteLine($"WARN: {message}");
    }
}
