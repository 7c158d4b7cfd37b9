namespace RlFramework.Envs.Vector;

/// <summary>
/// A sub-env of a vector env threw during Reset or Step; <see cref="EnvIndex"/> says which one and
/// <see cref="Exception.InnerException"/> holds what it threw. Raised on the thread that called the vector env, for
/// the lowest failing index. The failed sub-env's episode is in an undefined state: reset the vector env.
/// </summary>
public sealed class VectorEnvException : Exception
{
    /// <summary>Creates the exception for sub-env <paramref name="envIndex"/>.</summary>
    /// <param name="envIndex">The index of the sub-env that threw.</param>
    /// <param name="operation">"Reset" or "Step".</param>
    /// <param name="envName">The sub-env's string form, for the message.</param>
    /// <param name="inner">What the sub-env threw.</param>
    public VectorEnvException(int envIndex, string operation, string envName, Exception inner)
        : base($"Sub-env {envIndex} ({envName}) threw in {operation}: {inner?.Message}", inner)
    {
        EnvIndex = envIndex;
        Operation = operation;
    }

    /// <summary>The index of the sub-env that threw.</summary>
    public int EnvIndex { get; }

    /// <summary>The operation that failed: "Reset" or "Step".</summary>
    public string Operation { get; }
}
