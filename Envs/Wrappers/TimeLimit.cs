namespace RlFramework.Envs.Wrappers;

/// <summary>Truncates episodes after a number of steps: <c>truncated</c> becomes true once the step count reaches the limit.</summary>
/// <typeparam name="TObs">The observation type.</typeparam>
/// <typeparam name="TAct">The action type.</typeparam>
public sealed class TimeLimit<TObs, TAct> : Wrapper<TObs, TAct> where TObs : notnull where TAct : notnull
{
    /// <summary>Wraps <paramref name="env"/> with a limit of <paramref name="maxEpisodeSteps"/> steps.</summary>
    public TimeLimit(IEnv<TObs, TAct> env, int maxEpisodeSteps) : base(env)
    {
        if (maxEpisodeSteps <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxEpisodeSteps), maxEpisodeSteps, "TimeLimit needs a positive number of steps.");
        MaxEpisodeSteps = maxEpisodeSteps;
    }

    /// <summary>The step limit.</summary>
    public int MaxEpisodeSteps { get; }

    /// <summary>Steps taken in the current episode.</summary>
    public int ElapsedSteps { get; private set; }

    /// <inheritdoc/>
    public override ResetResult<TObs> Reset(int? seed = null, IReadOnlyDictionary<string, object?>? options = null)
    {
        ElapsedSteps = 0;
        return Env.Reset(seed, options);
    }

    /// <inheritdoc/>
    public override StepResult<TObs> Step(TAct action)
    {
        var result = Env.Step(action);
        ElapsedSteps++;
        return ElapsedSteps >= MaxEpisodeSteps ? result with { Truncated = true } : result;
    }

    /// <inheritdoc/>
    protected override void OnSaveState(EnvSnapshot snapshot) => snapshot.Set("elapsed_steps", ElapsedSteps);

    /// <inheritdoc/>
    protected override void OnLoadState(EnvSnapshot snapshot) => ElapsedSteps = (int)snapshot.GetLong("elapsed_steps");
}
