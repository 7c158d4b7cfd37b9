using System.Globalization;
using System.Numerics;

namespace RlFramework.Envs.Spaces;

/// <summary>
/// A box in R^n: arrays of a fixed shape whose every element lies in [low, high] (Gymnasium's <c>Box</c>).
/// Values are flat row-major arrays. Bounds may be infinite for floating-point element types.
/// </summary>
/// <typeparam name="T">The element type (float for float32, double for float64, int, byte, ...).</typeparam>
public sealed class Box<T> : Space<T[]>, IBox where T : unmanaged, INumber<T>
{
    private readonly T[] _low, _high;
    private readonly int[] _shape;

    /// <summary>A box with the same bounds for every element.</summary>
    public Box(T low, T high, params int[] shape)
        : this(Filled(low, shape), Filled(high, shape), shape) { }

    /// <summary>A box with per-element bounds, shaped as a vector of their length.</summary>
    public Box(T[] low, T[] high) : this(low, high, [low.Length]) { }

    /// <summary>A box with per-element bounds (flat, row-major) and the given shape.</summary>
    public Box(T[] low, T[] high, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(low);
        ArgumentNullException.ThrowIfNull(high);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Any(d => d < 0))
            throw new ArgumentException($"Box shape ({string.Join(", ", shape)}) has a negative dimension.", nameof(shape));
        int size = shape.Aggregate(1, (a, d) => a * d);
        if (low.Length != size || high.Length != size)
            throw new ArgumentException($"Box bounds have {low.Length} and {high.Length} elements; shape ({string.Join(", ", shape)}) needs {size}.");
        for (int i = 0; i < size; i++)
        {
            if (T.IsNaN(low[i]) || T.IsNaN(high[i]))
                throw new ArgumentException($"Box bound {i} is NaN (low {low[i]}, high {high[i]}).");
            if (low[i] > high[i])
                throw new ArgumentException($"Box low[{i}] = {low[i]} is greater than high[{i}] = {high[i]}.");
        }
        _low = (T[])low.Clone();
        _high = (T[])high.Clone();
        _shape = (int[])shape.Clone();
    }

    /// <summary>The lower bounds, flat.</summary>
    public ReadOnlySpan<T> Low => _low;

    /// <summary>The upper bounds, flat.</summary>
    public ReadOnlySpan<T> High => _high;

    /// <summary>The number of elements of a value.</summary>
    public int Size => _low.Length;

    /// <inheritdoc/>
    public double LowAt(int index) => double.CreateTruncating(_low[index]);

    /// <inheritdoc/>
    public double HighAt(int index) => double.CreateTruncating(_high[index]);

    /// <inheritdoc/>
    public override IReadOnlyList<int> Shape => _shape;

    /// <inheritdoc/>
    public override string DType => DTypes.NameOf<T>();

    /// <summary>True when element <paramref name="index"/> has a finite lower bound.</summary>
    public bool IsBoundedBelow(int index) => !IsFloat || double.IsFinite(double.CreateTruncating(_low[index]));

    /// <summary>True when element <paramref name="index"/> has a finite upper bound.</summary>
    public bool IsBoundedAbove(int index) => !IsFloat || double.IsFinite(double.CreateTruncating(_high[index]));

    private static bool IsFloat => typeof(T) == typeof(float) || typeof(T) == typeof(double) || typeof(T) == typeof(Half);

    /// <summary>
    /// A random element. Per element, as Gymnasium: bounded → uniform (integer types: in [low, high+1), floored);
    /// bounded below only → low + exponential; above only → high − exponential; unbounded → standard normal.
    /// </summary>
    public override T[] Sample()
    {
        var sample = new T[Size];
        Sample(sample);
        return sample;
    }

    /// <summary>Writes a random element into <paramref name="destination"/> (see <see cref="Sample()"/>).</summary>
    public void Sample(Span<T> destination)
    {
        if (destination.Length != Size)
            throw new ArgumentException($"The destination has {destination.Length} elements; this Box needs {Size}.", nameof(destination));
        Span<double> values = Size <= 256 ? stackalloc double[Size] : new double[Size];
        // Gymnasium draws the four kinds in this order: unbounded, bounded below, bounded above, bounded.
        for (int i = 0; i < Size; i++)
            if (!IsBoundedBelow(i) && !IsBoundedAbove(i)) values[i] = Random.Normal();
        for (int i = 0; i < Size; i++)
            if (IsBoundedBelow(i) && !IsBoundedAbove(i)) values[i] = Random.Exponential() + double.CreateTruncating(_low[i]);
        for (int i = 0; i < Size; i++)
            if (!IsBoundedBelow(i) && IsBoundedAbove(i)) values[i] = -Random.Exponential() + double.CreateTruncating(_high[i]);
        for (int i = 0; i < Size; i++)
        {
            if (IsBoundedBelow(i) && IsBoundedAbove(i))
            {
                double high = double.CreateTruncating(_high[i]) + (IsFloat ? 0 : 1);
                values[i] = Random.Uniform(double.CreateTruncating(_low[i]), high);
            }
        }

        for (int i = 0; i < Size; i++)
        {
            if (IsFloat)
            {
                destination[i] = T.CreateTruncating(values[i]);
                continue;
            }
            double floored = Math.Clamp(Math.Floor(values[i]), double.CreateTruncating(_low[i]), double.CreateTruncating(_high[i]));
            destination[i] = T.CreateTruncating(floored);
        }
    }

    /// <summary>True when <paramref name="value"/> has the right number of elements and each lies in its bounds.</summary>
    public override bool Contains(T[] value) => value is not null && Contains((ReadOnlySpan<T>)value);

    /// <summary>True when <paramref name="value"/> has the right number of elements and each lies in its bounds.</summary>
    public bool Contains(ReadOnlySpan<T> value)
    {
        if (value.Length != Size) return false;
        for (int i = 0; i < value.Length; i++)
            if (!(value[i] >= _low[i] && value[i] <= _high[i])) return false;
        return true;
    }

    /// <summary>Gymnasium's form, e.g. <c>Box(-1.0, 1.0, (3,), float32)</c> or with per-element bounds.</summary>
    public override string ToString() =>
        $"Box({Bounds(_low)}, {Bounds(_high)}, ({string.Join(", ", _shape)}{(_shape.Length == 1 ? "," : "")}), {DType})";

    private static string Bounds(T[] values) =>
        values.Length > 0 && values.All(v => v == values[0]) ? Format(values[0]) : "[" + string.Join(" ", values.Select(Format)) + "]";

    private static string Format(T value)
    {
        double d = double.CreateTruncating(value);
        return double.IsPositiveInfinity(d) ? "inf" : double.IsNegativeInfinity(d) ? "-inf"
            : IsFloat && d == Math.Floor(d) ? d.ToString("0.0", CultureInfo.InvariantCulture) : d.ToString("G7", CultureInfo.InvariantCulture);
    }

    private static T[] Filled(T value, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var values = new T[shape.Aggregate(1, (a, d) => a * Math.Max(d, 0))];
        Array.Fill(values, value);
        return values;
    }
}
