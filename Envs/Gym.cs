namespace RlFramework.Envs;

/// <summary>
/// The environment registry and factory (Gymnasium's <c>gymnasium.register</c>/<c>make</c>/<c>make_vec</c>).
/// The built-in environments are registered on first use.
/// </summary>
public static partial class Gym
{
    private static readonly Lock RegistryLock = new();
    private static readonly Dictionary<string, EnvSpec> Specs = new(StringComparer.Ordinal);

    static Gym() => BuiltInEnvs.Register();

    /// <summary>Every registered spec, by id.</summary>
    public static IReadOnlyDictionary<string, EnvSpec> Registry
    {
        get
        {
            lock (RegistryLock) return new Dictionary<string, EnvSpec>(Specs, StringComparer.Ordinal);
        }
    }

    /// <summary>Registers <paramref name="spec"/>; an id registered before is overridden with a warning, as in Gymnasium.</summary>
    public static void Register(EnvSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (RegistryLock)
        {
            if (Specs.ContainsKey(spec.Id)) EnvLog.Warn($"Overriding environment {spec.Id} already in registry.");
            Specs[spec.Id] = spec;
        }
    }

    /// <summary>Registers an env built by <paramref name="entryPoint"/> (see <see cref="EnvSpec.Create{TObs, TAct}"/>).</summary>
    public static EnvSpec Register<TObs, TAct>(string id, Func<EnvKwargs, IEnv<TObs, TAct>> entryPoint,
        int? maxEpisodeSteps = null, double? rewardThreshold = null, bool nondeterministic = false,
        IReadOnlyDictionary<string, object?>? kwargs = null, string description = "")
        where TObs : notnull where TAct : notnull
    {
        var spec = EnvSpec.Create(id, entryPoint, maxEpisodeSteps, rewardThreshold, nondeterministic, kwargs, description);
        Register(spec);
        return spec;
    }

    /// <summary>The spec registered under <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentException">No such id; the message names the closest registered ids.</exception>
    public static EnvSpec Spec(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (RegistryLock)
        {
            if (Specs.TryGetValue(id, out var spec)) return spec;
        }
        throw new ArgumentException(UnknownIdMessage(id), nameof(id));
    }

    /// <summary>
    /// Builds the env registered under <paramref name="id"/> with the standard wrappers, innermost first:
    /// PassiveEnvChecker, OrderEnforcing, TimeLimit.
    /// </summary>
    /// <param name="id">The registered id.</param>
    /// <param name="kwargs">Keyword arguments laid over the registered defaults.</param>
    /// <param name="renderMode">The render mode, or null.</param>
    /// <param name="maxEpisodeSteps">Overrides the registered time limit.</param>
    /// <param name="disableEnvChecker">Leaves out the PassiveEnvChecker.</param>
    public static IEnv Make(string id, IReadOnlyDictionary<string, object?>? kwargs = null, string? renderMode = null,
        int? maxEpisodeSteps = null, bool disableEnvChecker = false)
    {
        var spec = Spec(id);
        var arguments = new EnvKwargs(spec.Kwargs).With(kwargs, renderMode);
        var env = spec.EntryPoint(arguments);
        try
        {
            arguments.EnsureAllUsed(id);
            var made = spec with { Kwargs = arguments.Values, MaxEpisodeSteps = maxEpisodeSteps ?? spec.MaxEpisodeSteps };
            env.Spec = made;
            return spec.AddStandardWrappers(env, disableEnvChecker, made.MaxEpisodeSteps);
        }
        catch
        {
            env.Dispose();
            throw;
        }
    }

    /// <summary>Builds a typed env (see <see cref="Make(string, IReadOnlyDictionary{string, object?}?, string?, int?, bool)"/>).</summary>
    /// <exception cref="ArgumentException">The env's observation or action type is not the one asked for.</exception>
    public static IEnv<TObs, TAct> Make<TObs, TAct>(string id, IReadOnlyDictionary<string, object?>? kwargs = null,
        string? renderMode = null, int? maxEpisodeSteps = null, bool disableEnvChecker = false)
        where TObs : notnull where TAct : notnull
    {
        var env = Make(id, kwargs, renderMode, maxEpisodeSteps, disableEnvChecker);
        if (env is IEnv<TObs, TAct> typed) return typed;
        var spec = env.Spec!;
        env.Dispose();
        throw new ArgumentException(
            $"{id} observes {spec.ObservationType.Name} and takes {spec.ActionType.Name} actions; Make<{typeof(TObs).Name}, {typeof(TAct).Name}> asked for other types.",
            nameof(id));
    }

    private static string UnknownIdMessage(string id)
    {
        var (ns, name, version) = EnvSpec.ParseId(id);
        List<EnvSpec> all;
        lock (RegistryLock) all = [.. Specs.Values];
        var sameName = all.Where(s => s.Namespace == ns && s.Name == name).ToList();
        if (sameName.Count > 0)
        {
            return $"Environment version v{version} for '{(ns is null ? "" : ns + "/")}{name}' doesn't exist. It provides versions: "
                + string.Join(", ", sameName.Select(s => s.Id).Order(StringComparer.Ordinal)) + ".";
        }

        var closest = all.Select(s => s.Id).OrderBy(other => EditDistance(id, other)).ThenBy(other => other, StringComparer.Ordinal).Take(3);
        return $"Environment '{id}' doesn't exist. Did you mean: {string.Join(", ", closest.Select(c => $"'{c}'"))}? (`rl envs` lists them all.)";
    }

    private static int EditDistance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
