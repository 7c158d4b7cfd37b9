using System.Collections;

namespace RlFramework.Envs.Checking;

/// <summary>Deep copies and structural equality of observation and info values (arrays, tuples, dictionaries, scalars).</summary>
public static class ValueEquality
{
    /// <summary>A deep copy of arrays and dictionaries (envs reuse their observation buffers, so keep copies).</summary>
    public static object? DeepCopy(object? value) => value switch
    {
        Array array when array.GetType().GetElementType()!.IsValueType => array.Clone(),
        object?[] items => items.Select(DeepCopy).ToArray(),
        IReadOnlyDictionary<string, object> map => map.ToDictionary(p => p.Key, p => DeepCopy(p.Value)!, StringComparer.Ordinal),
        _ => value,
    };

    /// <summary>True when both values have the same structure and equal elements (NaN equals NaN, as Gymnasium's data_equivalence).</summary>
    public static bool DeepEquals(object? a, object? b)
    {
        switch (a, b)
        {
            case (null, null): return true;
            case (null, _) or (_, null): return false;
            case (float x, float y): return x.Equals(y);
            case (double x, double y): return x.Equals(y);
            case (IDictionary x, IDictionary y):
                return x.Count == y.Count && x.Keys.Cast<object>().All(k => y.Contains(k) && DeepEquals(x[k], y[k]));
            case (IEnumerable<KeyValuePair<string, object?>> x, IEnumerable<KeyValuePair<string, object?>> y):
                var left = x.ToDictionary(p => p.Key, p => p.Value);
                var right = y.ToDictionary(p => p.Key, p => p.Value);
                return left.Count == right.Count && left.All(p => right.TryGetValue(p.Key, out var v) && DeepEquals(p.Value, v));
            case (Array x, Array y):
                if (x.Length != y.Length || x.GetType() != y.GetType()) return false;
                for (int i = 0; i < x.Length; i++)
                    if (!DeepEquals(x.GetValue(i), y.GetValue(i))) return false;
                return true;
            default: return a.Equals(b);
        }
    }
}
