namespace RlFramework.Envs;

/// <summary>What <see cref="IEnv{TObs, TAct}.Reset"/> returns: the first observation and the info.</summary>
/// <typeparam name="TObs">The observation type.</typeparam>
/// <param name="Observation">The first observation (for array observations, a buffer the env reuses: copy it to keep it).</param>
/// <param name="Info">Auxiliary diagnostics.</param>
public readonly record struct ResetResult<TObs>(TObs Observation, Info Info);
