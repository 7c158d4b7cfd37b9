namespace RlFramework.Envs.Spaces;

/// <summary>
/// Gymnasium's <c>flatdim</c>/<c>flatten</c>/<c>flatten_space</c> for float vectors: Box elements as they are, Discrete
/// and MultiDiscrete entries one-hot, MultiBinary as 0/1, Tuple and Dict concatenated in order.
/// </summary>
public static class SpaceFlattening
{
    /// <summary>The length of a flattened value of <paramref name="space"/>.</summary>
    public static int FlatDim(ISpace space) => space switch
    {
        Discrete d => d.N,
        MultiDiscrete m => Sum(m.Nvec),
        MultiBinary b => b.N,
        TupleSpace t => t.Spaces.Sum(FlatDim),
        DictSpace d => d.Spaces.Sum(p => FlatDim(p.Value)),
        IBox box => box.Size,
        _ => throw new NotSupportedException($"Cannot flatten the space {space} ({space.GetType().Name})."),
    };

    /// <summary>Writes the flattened <paramref name="value"/> of <paramref name="space"/> into <paramref name="destination"/>.</summary>
    public static void Flatten(ISpace space, object value, Span<float> destination)
    {
        if (destination.Length != FlatDim(space))
            throw new ArgumentException($"The destination has {destination.Length} elements; {space} flattens to {FlatDim(space)}.", nameof(destination));
        switch (space)
        {
            case Discrete d:
                destination.Clear();
                destination[(int)value - d.Start] = 1;
                break;
            case MultiDiscrete m:
                destination.Clear();
                var entries = (int[])value;
                for (int i = 0, offset = 0; i < entries.Length; offset += m.Nvec[i], i++) destination[offset + entries[i] - m.Start[i]] = 1;
                break;
            case MultiBinary:
                var bits = (byte[])value;
                for (int i = 0; i < bits.Length; i++) destination[i] = bits[i];
                break;
            case TupleSpace t:
                var items = (object[])value;
                for (int i = 0, offset = 0; i < items.Length; i++)
                {
                    int dim = FlatDim(t.Spaces[i]);
                    Flatten(t.Spaces[i], items[i], destination.Slice(offset, dim));
                    offset += dim;
                }
                break;
            case DictSpace d:
                var map = (IReadOnlyDictionary<string, object>)value;
                int start = 0;
                foreach (var (key, sub) in d.Spaces)
                {
                    int dim = FlatDim(sub);
                    Flatten(sub, map[key], destination.Slice(start, dim));
                    start += dim;
                }
                break;
            default:
                CopyBox(value, destination);
                break;
        }
    }

    /// <summary>The float Box that flattened values of <paramref name="space"/> belong to.</summary>
    public static Box<float> FlattenSpace(ISpace space)
    {
        int dim = FlatDim(space);
        var low = new float[dim];
        var high = new float[dim];
        FillBounds(space, low, high);
        return new Box<float>(low, high);
    }

    private static void FillBounds(ISpace space, Span<float> low, Span<float> high)
    {
        switch (space)
        {
            case Discrete or MultiDiscrete or MultiBinary:
                low.Clear();
                high.Fill(1);
                break;
            case TupleSpace t:
                int offset = 0;
                foreach (var sub in t.Spaces)
                {
                    int dim = FlatDim(sub);
                    FillBounds(sub, low.Slice(offset, dim), high.Slice(offset, dim));
                    offset += dim;
                }
                break;
            case DictSpace d:
                int start = 0;
                foreach (var (_, sub) in d.Spaces)
                {
                    int dim = FlatDim(sub);
                    FillBounds(sub, low.Slice(start, dim), high.Slice(start, dim));
                    start += dim;
                }
                break;
            case IBox box:
                for (int i = 0; i < box.Size; i++)
                {
                    low[i] = (float)box.LowAt(i);
                    high[i] = (float)box.HighAt(i);
                }
                break;
            default:
                throw new NotSupportedException($"Cannot flatten the space {space} ({space.GetType().Name}).");
        }
    }

    private static void CopyBox(object value, Span<float> destination)
    {
        switch (value)
        {
            case float[] f: f.CopyTo(destination); break;
            case double[] d: for (int i = 0; i < d.Length; i++) destination[i] = (float)d[i]; break;
            case byte[] b: for (int i = 0; i < b.Length; i++) destination[i] = b[i]; break;
            case int[] n: for (int i = 0; i < n.Length; i++) destination[i] = n[i]; break;
            default: throw new NotSupportedException($"Cannot flatten a value of type {value.GetType().Name}.");
        }
    }

    private static int Sum(ReadOnlySpan<int> values)
    {
        int total = 0;
        foreach (var v in values) total += v;
        return total;
    }
}
