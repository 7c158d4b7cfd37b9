using RlFramework.Envs.Checking;

namespace RlFramework.Envs.Wrappers;

/// <summary>
/// Checks, without changing anything, that the env keeps the API's promises: the spaces at construction, the first
/// Reset's and the first Step's results, and the first Render. Problems become warnings (<see cref="EnvLog"/>).
/// </summary>
/// <typeparam name="TObs">The observation type.</typeparam>
/// <typeparam name="TAct">The action type.</typeparam>
public sealed class PassiveEnvChecker<TObs, TAct> : Wrapper<TObs, TAct> where TObs : notnull where TAct : notnull
{
    private bool _checkedReset, _checkedStep, _checkedRender;

    /// <summary>Wraps <paramref name="env"/> and checks its spaces.</summary>
    public PassiveEnvChecker(IEnv<TObs, TAct> env) : base(env)
    {
        foreach (var problem in EnvChecks.SpaceProblems(env)) EnvLog.Warn(problem);
    }

    /// <inheritdoc/>
    public override ResetResult<TObs> Reset(int? seed = null, IReadOnlyDictionary<string, object?>? options = null)
    {
        var result = Env.Reset(seed, options);
        if (!_checkedReset)
        {
            _checkedReset = true;
            foreach (var problem in EnvChecks.ObservationProblems(Env, result.Observation, "Reset")) EnvLog.Warn(problem);
        }
        return result;
    }

    /// <inheritdoc/>
    public override StepResult<TObs> Step(TAct action)
    {
        var result = Env.Step(action);
        if (!_checkedStep)
        {
            _checkedStep = true;
            foreach (var problem in EnvChecks.ObservationProblems(Env, result.Observation, "Step")
                         .Concat(EnvChecks.RewardProblems(result.Reward)))
            {
                EnvLog.Warn(problem);
            }
        }
        return result;
    }

    /// <inheritdoc/>
    public override object? Render()
    {
        var frame = Env.Render();
        if (!_checkedRender)
        {
            _checkedRender = true;
            foreach (var problem in EnvChecks.RenderProblems(Env, frame)) EnvLog.Warn(problem);
        }
        return frame;
    }

    /// <summary>Saves which first calls were checked already, so a restored env does not warn again.</summary>
    protected override void OnSaveState(EnvSnapshot snapshot)
    {
        snapshot.Set("checked_reset", _checkedReset);
        snapshot.Set("checked_step", _checkedStep);
        snapshot.Set("checked_render", _checkedRender);
    }

    /// <inheritdoc/>
    protected override void OnLoadState(EnvSnapshot snapshot)
    {
        _checkedReset = snapshot.GetBool("checked_reset");
        _checkedStep = snapshot.GetBool("checked_step");
        _checkedRender = snapshot.GetBool("checked_render");
    }
}
