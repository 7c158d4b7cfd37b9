using System.Numerics;

namespace RlFramework.Envs.Spaces;

/// <summary>
/// Named subspaces; a value maps every key to an element of its subspace. Keys are kept in ordinal order, as Gymnasium
/// sorts them (Gymnasium's <c>Dict</c>; renamed to avoid clashing with dictionary types).
/// </summary>
public sealed class DictSpace : Space<IReadOnlyDictionary<string, object>>
{
    private readonly KeyValuePair<string, ISpace>[] _spaces;

    /// <summary>Creates the space from named subspaces.</summary>
    public DictSpace(IEnumerable<KeyValuePair<string, ISpace>> spaces)
    {
        ArgumentNullException.ThrowIfNull(spaces);
        _spaces = spaces.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        var duplicate = _spaces.GroupBy(p => p.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Dict space key '{duplicate.Key}' appears twice.", nameof(spaces));
        if (_spaces.Any(p => p.Value is null)) throw new ArgumentException("A Dict space cannot hold a null subspace.", nameof(spaces));
    }

    /// <summary>The subspaces in key order.</summary>
    public IReadOnlyList<KeyValuePair<string, ISpace>> Spaces => _spaces;

    /// <summary>The subspace of <paramref name="key"/>.</summary>
    public ISpace this[string key] => _spaces.FirstOrDefault(p => p.Key == key).Value
        ?? throw new KeyNotFoundException($"Dict space has no key '{key}'; keys: {string.Join(", ", _spaces.Select(p => p.Key))}.");

    /// <inheritdoc/>
    public override IReadOnlyList<int>? Shape => null;

    /// <inheritdoc/>
    public override string? DType => null;

    /// <summary>Seeds this space and, from it, each subspace in key order (as Gymnasium does with an int seed).</summary>
    public override IReadOnlyList<BigInteger> Seed(int? seed = null) => SeedChildren(seed, _spaces.Select(p => p.Value).ToArray());

    /// <summary>Seeds each subspace with its own seed; the keys must be exactly the space's keys.</summary>
    public IReadOnlyList<BigInteger> Seed(IReadOnlyDictionary<string, int?> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var missing = _spaces.Select(p => p.Key).Where(k => !seeds.ContainsKey(k)).ToList();
        var extra = seeds.Keys.Where(k => _spaces.All(p => p.Key != k)).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            throw new ArgumentException(
                $"Dict seeds must have exactly the space's keys ({string.Join(", ", _spaces.Select(p => p.Key))}); missing: [{string.Join(", ", missing)}], unexpected: [{string.Join(", ", extra)}].",
                nameof(seeds));
        }

        return _spaces.SelectMany(p => p.Value.Seed(seeds[p.Key])).ToList();
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object> Sample() =>
        _spaces.ToDictionary(p => p.Key, p => p.Value.SampleBoxed(), StringComparer.Ordinal);

    /// <inheritdoc/>
    public override bool Contains(IReadOnlyDictionary<string, object> value) =>
        value is not null && value.Count == _spaces.Length
        && _spaces.All(p => value.TryGetValue(p.Key, out var v) && p.Value.ContainsBoxed(v));

    /// <summary>Gymnasium's form: <c>Dict('a': Discrete(2), 'b': ...)</c>.</summary>
    public override string ToString() => $"Dict({string.Join(", ", _spaces.Select(p => $"'{p.Key}': {p.Value}"))})";
}
