using System.Globalization;
using RlFramework.Envs.Seeding;

namespace RlFramework.Envs;

/// <summary>
/// The dynamic state of an env and its wrappers as named text values, enough to continue exactly where it was
/// (training checkpoints). Doubles are stored round-trip exact. Each wrapper writes under its own <see cref="Scope"/>, and
/// each layer records its <see cref="SetOrigin">origin</see>, so a snapshot loaded into an env made another way is refused.
/// </summary>
public sealed class EnvSnapshot
{
    private const string OriginKey = "origin";

    private readonly Dictionary<string, string> _values;
    private readonly string _prefix;

    /// <summary>An empty snapshot.</summary>
    public EnvSnapshot() : this(new Dictionary<string, string>(StringComparer.Ordinal), "") { }

    private EnvSnapshot(Dictionary<string, string> values, string prefix) => (_values, _prefix) = (values, prefix);

    /// <summary>A snapshot read back from <see cref="Values"/>.</summary>
    public static EnvSnapshot FromValues(IReadOnlyDictionary<string, string> values) =>
        new(new Dictionary<string, string>(values ?? throw new ArgumentNullException(nameof(values)), StringComparer.Ordinal), "");

    /// <summary>All values, with their full keys.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>A view whose keys live under <paramref name="name"/> (for the next layer of the wrapper stack).</summary>
    public EnvSnapshot Scope(string name) => new(_values, _prefix + name + "/");

    /// <summary>Stores a text value.</summary>
    public void Set(string key, string value) => _values[_prefix + key] = value;

    /// <summary>Stores a double, round-trip exact.</summary>
    public void Set(string key, double value) => Set(key, BitConverter.DoubleToInt64Bits(value).ToString(CultureInfo.InvariantCulture));

    /// <summary>Stores a long.</summary>
    public void Set(string key, long value) => Set(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Stores a bool.</summary>
    public void Set(string key, bool value) => Set(key, value ? "1" : "0");

    /// <summary>Stores a random generator's state.</summary>
    public void Set(string key, RandomGenerator random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Set(key, random.BitGenerator.GetState());
    }

    /// <summary>Stores a PCG64 state.</summary>
    public void Set(string key, Pcg64State state) =>
        Set(key, string.Create(CultureInfo.InvariantCulture, $"{state.State} {state.Increment} {(state.HasUInt32 ? 1 : 0)} {state.BufferedUInt32}"));

    /// <summary>The text value of <paramref name="key"/>.</summary>
    /// <exception cref="InvalidDataException">The snapshot has no such value (it comes from another env or wrapper stack).</exception>
    public string GetString(string key) => _values.TryGetValue(_prefix + key, out var value) ? value
        : throw new InvalidDataException($"The env snapshot has no value '{_prefix + key}'; was it taken from the same env and wrapper stack?");

    /// <summary>Records which env this scope's values belong to (<see cref="Origin"/> of <paramref name="env"/>).</summary>
    public void SetOrigin(IEnv env) => Set(OriginKey, Origin(env));

    /// <summary>
    /// Refuses values taken from another env: the origin recorded by <see cref="SetOrigin"/> must be <paramref name="env"/>'s.
    /// A snapshot without an origin (written before origins were recorded) is accepted.
    /// </summary>
    /// <exception cref="InvalidDataException">The snapshot was taken from another env, wrapper stack, argument set or time limit.</exception>
    public void CheckOrigin(IEnv env)
    {
        if (!_values.TryGetValue(_prefix + OriginKey, out var origin)) return;
        var expected = Origin(env);
        if (origin != expected)
        {
            throw new InvalidDataException(
                $"The env snapshot was taken from {origin}; it cannot be loaded into {expected}. Load it into an env made the same way (same id, arguments and wrappers).");
        }
    }

    /// <summary>
    /// What an env is, as far as its snapshot goes: the wrapper stack with the env id (<c>TimeLimit&lt;...&lt;CartPoleEnv&lt;CartPole-v1&gt;&gt;&gt;</c>),
    /// then the time limit and keyword arguments of its spec, if any.
    /// </summary>
    public static string Origin(IEnv env)
    {
        ArgumentNullException.ThrowIfNull(env);
        if (env.Spec is not { } spec) return env.ToString() ?? env.GetType().Name;
        var settings = spec.Kwargs.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"{kv.Key}={Convert.ToString(kv.Value, CultureInfo.InvariantCulture)}")
            .Prepend($"max_episode_steps={(spec.MaxEpisodeSteps is { } steps ? steps.ToString(CultureInfo.InvariantCulture) : "none")}");
        return $"{env} ({string.Join(", ", settings)})";
    }

    /// <summary>The double stored under <paramref name="key"/>.</summary>
    public double GetDouble(string key) => BitConverter.Int64BitsToDouble(GetLong(key));

    /// <summary>The long stored under <paramref name="key"/>.</summary>
    public long GetLong(string key) => long.Parse(GetString(key), CultureInfo.InvariantCulture);

    /// <summary>The bool stored under <paramref name="key"/>.</summary>
    public bool GetBool(string key) => GetString(key) == "1";

    /// <summary>Restores <paramref name="random"/> to the state stored under <paramref name="key"/>.</summary>
    public void Restore(string key, RandomGenerator random)
    {
        ArgumentNullException.ThrowIfNull(random);
        random.BitGenerator.SetState(GetRandomState(key));
    }

    /// <summary>The PCG64 state stored under <paramref name="key"/>.</summary>
    /// <exception cref="InvalidDataException">No such value, or it is not a PCG64 state.</exception>
    public Pcg64State GetRandomState(string key)
    {
        var parts = GetString(key).Split(' ');
        if (parts.Length != 4
            || !UInt128.TryParse(parts[0], CultureInfo.InvariantCulture, out var state) || !UInt128.TryParse(parts[1], CultureInfo.InvariantCulture, out var increment)
            || parts[2] is not ("0" or "1") || !uint.TryParse(parts[3], CultureInfo.InvariantCulture, out var buffered))
        {
            throw new InvalidDataException($"The env snapshot's random state '{_prefix + key}' is malformed: expected 'state increment has_uint32 buffered'.");
        }

        return new Pcg64State(state, increment, parts[2] == "1", buffered);
    }
}
