namespace RlFramework.Envs.Vector;

/// <summary>
/// What a vector env's Reset returns: a view of its observation buffer and per-sub-env infos. The view is overwritten
/// by the next Reset or Step: copy what you keep.
/// </summary>
/// <typeparam name="T">The observation element type.</typeparam>
public readonly struct VectorResetResult<T> where T : unmanaged
{
    private readonly VectorBuffers<T>? _buffers;

    internal VectorResetResult(VectorBuffers<T> buffers) => _buffers = buffers;

    /// <summary>The number of sub-envs.</summary>
    public int NumEnvs => _buffers?.NumEnvs ?? 0;

    /// <summary>The number of elements of one sub-env's observation.</summary>
    public int ObservationSize => _buffers?.ObservationSize ?? 0;

    /// <summary>All observations, row-major: sub-env i's occupies <c>[i * ObservationSize, (i + 1) * ObservationSize)</c>.</summary>
    public ReadOnlySpan<T> Observations => _buffers is null ? default : _buffers.Observations;

    /// <summary>The infos, one per sub-env (empty for sub-envs a masked reset left alone).</summary>
    public IReadOnlyList<Info> Infos => _buffers?.InfoList ?? [];

    /// <summary>Sub-env <paramref name="env"/>'s observation.</summary>
    public ReadOnlySpan<T> Observation(int env) => Buffers.Row(env);

    /// <summary>Deconstructs into observations and infos.</summary>
    public void Deconstruct(out ReadOnlySpan<T> observations, out IReadOnlyList<Info> infos)
    {
        observations = Observations;
        infos = Infos;
    }

    private VectorBuffers<T> Buffers => _buffers ?? throw new InvalidOperationException("This is a default VectorResetResult, not one returned by a vector env.");
}
