using System.Globalization;

namespace RlFramework.Envs;

/// <summary>
/// The keyword arguments an env is built with (Gymnasium's <c>**kwargs</c> of <c>make</c>) and its render mode.
/// Envs read them with <see cref="Get{T}"/> and finish with <see cref="EnsureAllUsed"/>, so a misspelt argument is an error.
/// </summary>
public sealed class EnvKwargs
{
    private readonly Dictionary<string, object?> _values;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>Creates the arguments.</summary>
    /// <param name="values">Argument values by name.</param>
    /// <param name="renderMode">The requested render mode, or null.</param>
    public EnvKwargs(IReadOnlyDictionary<string, object?>? values = null, string? renderMode = null)
    {
        _values = values is null ? new(StringComparer.Ordinal) : new(values, StringComparer.Ordinal);
        RenderMode = renderMode;
    }

    /// <summary>The requested render mode, or null.</summary>
    public string? RenderMode { get; }

    /// <summary>The arguments by name.</summary>
    public IReadOnlyDictionary<string, object?> Values => _values;

    /// <summary>
    /// The argument <paramref name="name"/> converted to <typeparamref name="T"/>, or <paramref name="defaultValue"/> when absent.
    /// Numbers convert between numeric types; strings parse with the invariant culture (so CLI values work).
    /// </summary>
    public T Get<T>(string name, T defaultValue)
    {
        _used.Add(name);
        if (!_values.TryGetValue(name, out var value) || value is null) return defaultValue;
        if (value is T typed) return typed;
        try
        {
            var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
            if (value is string text && target == typeof(bool)) return (T)(object)bool.Parse(text);
            return (T)Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw new ArgumentException($"Env argument '{name}' = '{value}' ({value.GetType().Name}) is not a valid {typeof(T).Name}.", name, e);
        }
    }

    /// <summary>Throws when an argument was given that the env never read (a misspelt or unsupported name).</summary>
    /// <param name="envName">The env's name, for the message.</param>
    /// <exception cref="ArgumentException">An argument was not used; the message lists the accepted names.</exception>
    public void EnsureAllUsed(string envName)
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"{envName} got unexpected argument(s) {string.Join(", ", unknown.Select(k => $"'{k}'"))}; it accepts: {string.Join(", ", _used.Order())}.");
        }
    }

    /// <summary>A copy with the arguments of <paramref name="overrides"/> laid over these and the given render mode.</summary>
    public EnvKwargs With(IReadOnlyDictionary<string, object?>? overrides, string? renderMode)
    {
        var merged = new Dictionary<string, object?>(_values, StringComparer.Ordinal);
        if (overrides is not null)
            foreach (var (key, value) in overrides) merged[key] = value;
        return new EnvKwargs(merged, renderMode ?? RenderMode);
    }
}
