using System.Globalization;
using System.Text.RegularExpressions;
using RlFramework.Envs.Wrappers;

namespace RlFramework.Envs;

/// <summary>
/// A registered environment (Gymnasium's <c>EnvSpec</c>): its id <c>[namespace/]Name-vN</c>, how to build it, and
/// the standard wrappers <see cref="Gym.Make"/> adds. Create one with <see cref="Create{TObs, TAct}"/>.
/// </summary>
public sealed partial record EnvSpec
{
    private EnvSpec(string id, Func<EnvKwargs, IEnv> entryPoint, Func<IEnv, bool, int?, IEnv> addStandardWrappers,
        Type observationType, Type actionType)
    {
        (Namespace, Name, Version) = ParseId(id);
        Id = id;
        EntryPoint = entryPoint;
        AddStandardWrappers = addStandardWrappers;
        ObservationType = observationType;
        ActionType = actionType;
    }

    /// <summary>Creates a spec for envs observing <typeparamref name="TObs"/> and taking <typeparamref name="TAct"/>.</summary>
    /// <param name="id">The id, <c>[namespace/]Name[-vN]</c>.</param>
    /// <param name="entryPoint">Builds the env from its keyword arguments and render mode.</param>
    /// <param name="maxEpisodeSteps">The TimeLimit Make adds, or null for none.</param>
    /// <param name="rewardThreshold">The return at which the task counts as solved, or null.</param>
    /// <param name="nondeterministic">True when the same seed may not give the same episode.</param>
    /// <param name="kwargs">The default keyword arguments passed to the entry point.</param>
    /// <param name="description">One line describing the env, shown by <c>rl envs</c>.</param>
    public static EnvSpec Create<TObs, TAct>(string id, Func<EnvKwargs, IEnv<TObs, TAct>> entryPoint,
        int? maxEpisodeSteps = null, double? rewardThreshold = null, bool nondeterministic = false,
        IReadOnlyDictionary<string, object?>? kwargs = null, string description = "")
        where TObs : notnull where TAct : notnull
    {
        ArgumentNullException.ThrowIfNull(entryPoint);
        if (maxEpisodeSteps is <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxEpisodeSteps), maxEpisodeSteps, "max episode steps must be positive or null.");
        return new EnvSpec(id, kw => entryPoint(kw), Wrap, typeof(TObs), typeof(TAct))
        {
            MaxEpisodeSteps = maxEpisodeSteps,
            RewardThreshold = rewardThreshold,
            Nondeterministic = nondeterministic,
            Kwargs = kwargs ?? new Dictionary<string, object?>(),
            Description = description,
        };

        static IEnv Wrap(IEnv raw, bool disableEnvChecker, int? maxEpisodeSteps)
        {
            IEnv<TObs, TAct> env = (IEnv<TObs, TAct>)raw;
            if (!disableEnvChecker) env = new PassiveEnvChecker<TObs, TAct>(env);
            env = new OrderEnforcing<TObs, TAct>(env);
            if (maxEpisodeSteps is int steps) env = new TimeLimit<TObs, TAct>(env, steps);
            return env;
        }
    }

    /// <summary>The full id.</summary>
    public string Id { get; }
    /// <summary>The namespace before the slash, or null.</summary>
    public string? Namespace { get; }
    /// <summary>The name without namespace and version.</summary>
    public string Name { get; }
    /// <summary>The version after <c>-v</c>, or null for an unversioned id.</summary>
    public int? Version { get; }
    /// <summary>Builds the raw env (no wrappers).</summary>
    public Func<EnvKwargs, IEnv> EntryPoint { get; }
    /// <summary>The observation type of the env.</summary>
    public Type ObservationType { get; }
    /// <summary>The action type of the env.</summary>
    public Type ActionType { get; }
    /// <summary>The TimeLimit Make adds, or null.</summary>
    public int? MaxEpisodeSteps { get; init; }
    /// <summary>The solved threshold of the return, or null.</summary>
    public double? RewardThreshold { get; init; }
    /// <summary>True when seeding does not make episodes reproducible.</summary>
    public bool Nondeterministic { get; init; }
    /// <summary>The keyword arguments (the defaults in the registry; the merged ones on a made env).</summary>
    public IReadOnlyDictionary<string, object?> Kwargs { get; init; } = new Dictionary<string, object?>();
    /// <summary>A one-line description.</summary>
    public string Description { get; init; } = "";

    /// <summary>Adds PassiveEnvChecker (unless disabled), OrderEnforcing and TimeLimit (when a limit is set), innermost first.</summary>
    internal Func<IEnv, bool, int?, IEnv> AddStandardWrappers { get; }

    /// <summary>Parses an id into its parts; throws on a malformed id.</summary>
    public static (string? Namespace, string Name, int? Version) ParseId(string id)
    {
        var match = IdPattern().Match(id ?? throw new ArgumentNullException(nameof(id)));
        if (!match.Success)
            throw new ArgumentException($"Malformed env id '{id}': expected [namespace/]Name[-vN], e.g. 'CartPole-v1'.", nameof(id));
        return (match.Groups["ns"].Success ? match.Groups["ns"].Value : null, match.Groups["name"].Value,
            match.Groups["version"].Success ? int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture) : null);
    }

    [GeneratedRegex(@"^(?:(?<ns>[\w:-]+)/)?(?<name>[\w:.-]+?)(?:-v(?<version>\d+))?$")]
    private static partial Regex IdPattern();
}
