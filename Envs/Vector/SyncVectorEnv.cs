namespace RlFramework.Envs.Vector;

/// <summary>
/// A vector env that steps its sub-envs one after another on the calling thread (Gymnasium's <c>SyncVectorEnv</c>).
/// </summary>
/// <example>
/// <code>
/// using var envs = new SyncVectorEnv&lt;float, int&gt;(Enumerable.Range(0, 4).Select(_ => (Func&lt;IEnv&lt;float[], int&gt;&gt;)(() => new CartPoleEnv())));
/// envs.Reset(seed: 42);
/// var result = envs.Step([0, 1, 0, 1]);
/// ReadOnlySpan&lt;float&gt; obs2 = result.Observation(2);
/// </code>
/// </example>
/// <typeparam name="T">The observation element type.</typeparam>
/// <typeparam name="TAct">The action type of one sub-env.</typeparam>
public sealed class SyncVectorEnv<T, TAct> : VectorEnv<T, TAct> where T : unmanaged where TAct : notnull
{
    /// <summary>Builds one sub-env per factory.</summary>
    /// <param name="envFns">The sub-env factories, called once each, in order.</param>
    /// <param name="autoresetMode">When finished sub-envs are reset.</param>
    /// <exception cref="ArgumentException">No factories, or sub-envs with different spaces.</exception>
    public SyncVectorEnv(IEnumerable<Func<IEnv<T[], TAct>>> envFns, AutoresetMode autoresetMode = AutoresetMode.NextStep)
        : base(envFns, autoresetMode) { }

    private protected override void Execute() => RunRange(0, NumEnvs);
}
