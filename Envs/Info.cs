using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace RlFramework.Envs;

/// <summary>
/// The auxiliary information an env returns from Reset and Step (Gymnasium's <c>info</c> dict). Immutable:
/// <see cref="With"/> returns a new Info, so the common empty case costs no allocation per step.
/// </summary>
public sealed class Info : IReadOnlyDictionary<string, object?>
{
    private readonly Dictionary<string, object?> _entries;

    /// <summary>The empty info, shared.</summary>
    public static Info Empty { get; } = new(new Dictionary<string, object?>(StringComparer.Ordinal));

    private Info(Dictionary<string, object?> entries) => _entries = entries;

    /// <summary>A copy of this info with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    public Info With(string key, object? value)
    {
        var copy = new Dictionary<string, object?>(_entries, StringComparer.Ordinal) { [key] = value };
        return new Info(copy);
    }

    /// <summary>The value of <paramref name="key"/> as <typeparamref name="T"/>; throws when missing or of another type.</summary>
    public T Get<T>(string key) => _entries.TryGetValue(key, out var value) switch
    {
        false => throw new KeyNotFoundException($"info has no entry '{key}'; it has: {string.Join(", ", _entries.Keys)}."),
        true when value is T typed => typed,
        _ => throw new InvalidCastException($"info['{key}'] is {value?.GetType().Name ?? "null"}, not {typeof(T).Name}."),
    };

    /// <inheritdoc/>
    public object? this[string key] => _entries[key];
    /// <inheritdoc/>
    public IEnumerable<string> Keys => _entries.Keys;
    /// <inheritdoc/>
    public IEnumerable<object?> Values => _entries.Values;
    /// <inheritdoc/>
    public int Count => _entries.Count;
    /// <inheritdoc/>
    public bool ContainsKey(string key) => _entries.ContainsKey(key);
    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => _entries.TryGetValue(key, out value);
    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _entries.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The entries as <c>{key: value, ...}</c>.</summary>
    public override string ToString() => "{" + string.Join(", ", _entries.Select(e => $"{e.Key}: {e.Value}")) + "}";
}
