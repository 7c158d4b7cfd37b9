namespace RlFramework.Envs.Vector;

/// <summary>
/// What a vector env's Step returns: views of its batch buffers (observations row-major, rewards, terminated and
/// truncated flags, per-sub-env infos), overwritten by the next Reset or Step: copy what you keep.
/// </summary>
/// <typeparam name="T">The observation element type.</typeparam>
public readonly struct VectorStepResult<T> where T : unmanaged
{
    private readonly VectorBuffers<T>? _buffers;

    internal VectorStepResult(VectorBuffers<T> buffers) => _buffers = buffers;

    /// <summary>The number of sub-envs.</summary>
    public int NumEnvs => _buffers?.NumEnvs ?? 0;

    /// <summary>The number of elements of one sub-env's observation.</summary>
    public int ObservationSize => _buffers?.ObservationSize ?? 0;

    /// <summary>All observations, row-major: sub-env i's occupies <c>[i * ObservationSize, (i + 1) * ObservationSize)</c>.</summary>
    public ReadOnlySpan<T> Observations => _buffers is null ? default : _buffers.Observations;

    /// <summary>The rewards, one per sub-env.</summary>
    public ReadOnlySpan<double> Rewards => _buffers is null ? default : _buffers.Rewards;

    /// <summary>True where the sub-env reached a terminal state of its MDP in this step.</summary>
    public ReadOnlySpan<bool> Terminated => _buffers is null ? default : _buffers.Terminated;

    /// <summary>True where the sub-env's episode was cut short (usually by a time limit) in this step.</summary>
    public ReadOnlySpan<bool> Truncated => _buffers is null ? default : _buffers.Truncated;

    /// <summary>The infos, one per sub-env.</summary>
    public IReadOnlyList<Info> Infos => _buffers?.InfoList ?? [];

    /// <summary>Sub-env <paramref name="env"/>'s observation.</summary>
    public ReadOnlySpan<T> Observation(int env) => Buffers.Row(env);

    /// <summary>True when sub-env <paramref name="env"/> terminated or truncated in this step.</summary>
    public bool Done(int env)
    {
        Buffers.CheckIndex(env);
        return _buffers!.Terminated[env] || _buffers.Truncated[env];
    }

    /// <summary>
    /// True when sub-env <paramref name="env"/> has a final observation from this step: in
    /// <see cref="AutoresetMode.SameStep"/>, when its episode ended (and it was reset within the step).
    /// </summary>
    public bool HasFinalObservation(int env)
    {
        Buffers.CheckIndex(env);
        return _buffers!.HasFinal[env];
    }

    /// <summary>
    /// The last observation of the episode sub-env <paramref name="env"/> finished in this step (SameStep mode; the
    /// typed form of info "final_obs").
    /// </summary>
    /// <exception cref="InvalidOperationException">The sub-env has no final observation (see <see cref="HasFinalObservation"/>).</exception>
    public ReadOnlySpan<T> FinalObservation(int env) => Buffers.FinalRow(env);

    /// <summary>The info of the step that finished sub-env <paramref name="env"/>'s episode (SameStep mode; info "final_info").</summary>
    /// <exception cref="InvalidOperationException">The sub-env has no final observation (see <see cref="HasFinalObservation"/>).</exception>
    public Info FinalInfo(int env)
    {
        Buffers.FinalRow(env);
        return _buffers!.FinalInfos[env];
    }

    /// <summary>Deconstructs into Gymnasium's five results.</summary>
    public void Deconstruct(out ReadOnlySpan<T> observations, out ReadOnlySpan<double> rewards, out ReadOnlySpan<bool> terminated,
        out ReadOnlySpan<bool> truncated, out IReadOnlyList<Info> infos)
    {
        observations = Observations;
        rewards = Rewards;
        terminated = Terminated;
        truncated = Truncated;
        infos = Infos;
    }

    private VectorBuffers<T> Buffers => _buffers ?? throw new InvalidOperationException("This is a default VectorStepResult, not one returned by a vector env.");
}
