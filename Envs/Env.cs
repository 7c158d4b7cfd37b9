using RlFramework.Envs.Seeding;
using RlFramework.Envs.Spaces;

namespace RlFramework.Envs;

/// <summary>
/// Base class of environments: seeding on Reset, action validation, idempotent Close and the object-typed members.
/// Subclasses implement <see cref="OnReset"/> and <see cref="OnStep"/>.
/// </summary>
/// <typeparam name="TObs">The observation type.</typeparam>
/// <typeparam name="TAct">The action type.</typeparam>
public abstract class Env<TObs, TAct> : IEnv<TObs, TAct> where TObs : notnull where TAct : notnull
{
    private RandomGenerator? _random;
    private bool _closed;

    /// <summary>Checks the requested render mode against <paramref name="metadata"/>.</summary>
    /// <exception cref="ArgumentException">The render mode is not one of the metadata's modes.</exception>
    protected Env(EnvMetadata metadata, string? renderMode)
    {
        Metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
        if (renderMode is not null && !metadata.RenderModes.Contains(renderMode))
        {
            throw new ArgumentException(
                $"{GetType().Name} has no render mode '{renderMode}'; it supports: {(metadata.RenderModes.Count == 0 ? "none" : string.Join(", ", metadata.RenderModes))}.",
                nameof(renderMode));
        }

        RenderMode = renderMode;
    }

    /// <inheritdoc/>
    public abstract Space<TObs> ObservationSpace { get; }

    /// <inheritdoc/>
    public abstract Space<TAct> ActionSpace { get; }

    /// <inheritdoc/>
    public EnvMetadata Metadata { get; }

    /// <inheritdoc/>
    public string? RenderMode { get; }

    /// <inheritdoc/>
    public EnvSpec? Spec { get; set; }

    /// <inheritdoc/>
    public IEnv Unwrapped => this;

    /// <summary>The env's random generator (Gymnasium's <c>np_random</c>); seeded from OS entropy on first use unless Reset got a seed.</summary>
    public RandomGenerator NpRandom
    {
        get => _random ??= RandomGenerator.FromSeed(null);
        set => _random = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The name used in messages: the spec id when made from the registry, else the type name.</summary>
    protected string Name => Spec?.Id ?? GetType().Name;

    ISpace IEnv.ObservationSpace => ObservationSpace;
    ISpace IEnv.ActionSpace => ActionSpace;

    /// <inheritdoc/>
    public ResetResult<TObs> Reset(int? seed = null, IReadOnlyDictionary<string, object?>? options = null)
    {
        if (seed is not null) _random = RandomGenerator.FromSeed(seed);
        return OnReset(options);
    }

    /// <inheritdoc/>
    public StepResult<TObs> Step(TAct action)
    {
        if (ActionProblem(action) is { } problem)
            throw new ArgumentException($"{Name}: action {Describe(action)} {problem}.", nameof(action));
        return OnStep(action);
    }

    /// <summary>
    /// Why <see cref="Step"/> refuses <paramref name="action"/>, or null when it accepts it. By default it accepts the
    /// actions of the action space; an env that clips out-of-range actions itself (as Gymnasium's continuous envs do)
    /// accepts more.
    /// </summary>
    protected virtual string? ActionProblem(TAct action) => ActionSpace.Contains(action) ? null : $"is not in the action space {ActionSpace}";

    /// <summary>Starts an episode; the random generator is already seeded.</summary>
    protected abstract ResetResult<TObs> OnReset(IReadOnlyDictionary<string, object?>? options);

    /// <summary>Applies a valid action.</summary>
    protected abstract StepResult<TObs> OnStep(TAct action);

    /// <inheritdoc/>
    public virtual object? Render() => null;

    /// <inheritdoc/>
    public void Close()
    {
        if (_closed) return;
        _closed = true;
        OnClose();
    }

    /// <summary>Releases resources, called once by <see cref="Close"/>.</summary>
    protected virtual void OnClose() { }

    /// <inheritdoc/>
    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    /// <summary><c>TypeName&lt;id&gt;</c>, or the type name when there is no spec.</summary>
    public override string ToString() => Spec is null ? GetType().Name : $"{GetType().Name}<{Spec.Id}>";

    internal static string Describe(object? value) => value switch
    {
        null => "null",
        float[] a => "[" + string.Join(", ", a.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]",
        double[] a => "[" + string.Join(", ", a.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]",
        System.Collections.IEnumerable e and not string => "[" + string.Join(", ", e.Cast<object?>()) + "]",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };
}
