using RlFramework.Envs.Spaces;

namespace RlFramework.Envs;

/// <summary>
/// The type-erased view of an environment: its spaces, metadata and lifetime, plus object-typed Reset/Step for code
/// that handles any env (the registry, the env checker, the CLI). Environments implement <see cref="IEnv{TObs, TAct}"/>.
/// </summary>
public interface IEnv : IDisposable
{
    /// <summary>The space every observation belongs to.</summary>
    ISpace ObservationSpace { get; }

    /// <summary>The space every valid action belongs to.</summary>
    ISpace ActionSpace { get; }

    /// <summary>Render modes and render fps.</summary>
    EnvMetadata Metadata { get; }

    /// <summary>The render mode chosen at construction (one of <see cref="EnvMetadata.RenderModes"/>), or null.</summary>
    string? RenderMode { get; }

    /// <summary>The registry spec the env was made from (null for an env constructed directly).</summary>
    EnvSpec? Spec { get; set; }

    /// <summary>The innermost env, under all wrappers.</summary>
    IEnv Unwrapped { get; }

    /// <summary>
    /// Renders the current state in <see cref="RenderMode"/>: a frame for rgb_array, a string for ansi, null when the
    /// env has no render mode.
    /// </summary>
    object? Render();

    /// <summary>Resets with an object-typed result (see <see cref="IEnv{TObs, TAct}.Reset"/>).</summary>
    ResetResult<object> ResetBoxed(int? seed = null, IReadOnlyDictionary<string, object?>? options = null);

    /// <summary>Steps with an object-typed action and result (see <see cref="IEnv{TObs, TAct}.Step"/>).</summary>
    StepResult<object> StepBoxed(object action);

    /// <summary>Releases the env's resources; calling it again does nothing.</summary>
    void Close();
}
