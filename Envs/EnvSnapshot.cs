using System.Globalization;
using RlFramework.Envs.Seeding;

namespace RlFramework.Envs;

/// <summary>
/// The dynamic state of an env and its wrappers as named text values, enough to continue exactly where it was
/// (training checkpoints). Doubles are stored round-trip exact. Each wrapper writes under its own <see cref="Scope"/>.
/// </summary>
public sealed class EnvSnapshot
{
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
        var state = random.BitGenerator.GetState();
        Set(key, string.Create(CultureInfo.InvariantCulture, $"{state.State} {state.Increment} {(state.HasUInt32 ? 1 : 0)} {state.BufferedUInt32}"));
    }

    /// <summary>The text value of <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">The snapshot has no such value (it comes from another env or wrapper stack).</exception>
    public string GetString(string key) => _values.TryGetValue(_prefix + key, out var value) ? value
        : throw new KeyNotFoundException($"The env snapshot has no value '{_prefix + key}'; was it taken from the same env and wrapper stack?");

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
        var parts = GetString(key).Split(' ');
        if (parts.Length != 4) throw new FormatException($"The env snapshot's random state '{_prefix + key}' is malformed.");
        random.BitGenerator.SetState(new Pcg64State(UInt128.Parse(parts[0], CultureInfo.InvariantCulture), UInt128.Parse(parts[1], CultureInfo.InvariantCulture),
            parts[2] == "1", uint.Parse(parts[3], CultureInfo.InvariantCulture)));
    }
}
