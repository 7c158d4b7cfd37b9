using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Vector;

/// <summary>
/// The type-erased view of a vector env: several copies of an env stepped together as one batch (Gymnasium's
/// <c>VectorEnv</c>). Use <see cref="IVectorEnv{T, TAct}"/> to reset and step it.
/// </summary>
public interface IVectorEnv : IDisposable
{
    /// <summary>The number of sub-envs.</summary>
    int NumEnvs { get; }

    /// <summary>The observation space of one sub-env.</summary>
    ISpace SingleObservationSpace { get; }

    /// <summary>The action space of one sub-env.</summary>
    ISpace SingleActionSpace { get; }

    /// <summary>The space of a batch of observations (shape <c>(NumEnvs, ...single shape)</c>).</summary>
    ISpace ObservationSpace { get; }

    /// <summary>The space of a batch of actions (one per sub-env).</summary>
    ISpace ActionSpace { get; }

    /// <summary>When finished sub-envs are reset.</summary>
    AutoresetMode AutoresetMode { get; }

    /// <summary>The first sub-env's metadata (render modes, render fps).</summary>
    EnvMetadata Metadata { get; }

    /// <summary>The first sub-env's render mode, or null.</summary>
    string? RenderMode { get; }

    /// <summary>The spec the sub-envs were made from by <see cref="Gym.MakeVec(string, int, VectorMode, AutoresetMode, IReadOnlyDictionary{string, object?}?, string?, int?, bool, int?)"/>, else null.</summary>
    EnvSpec? Spec { get; set; }

    /// <summary>Renders every sub-env (see <see cref="IEnv.Render"/>), in index order.</summary>
    IReadOnlyList<object?> Render();

    /// <summary>Stops any worker threads and closes every sub-env; calling it again does nothing.</summary>
    void Close();
}
