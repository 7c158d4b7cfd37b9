namespace RlFramework.Replay.MessagePack;

/// <summary>Element sizes and NumPy dtype names of the numeric types written as raw little-endian <c>bin</c> arrays.</summary>
public static class LittleEndianArrays
{
    /// <summary>Bytes per element of <typeparamref name="T"/>; throws for unsupported types.</summary>
    public static int ElementSize<T>()
        where T : unmanaged
    {
        Type t = typeof(T);
        if (t == typeof(float) || t == typeof(int) || t == typeof(uint))
        {
            return 4;
        }

        if (t == typeof(double) || t == typeof(long) || t == typeof(ulong))
        {
            return 8;
        }

        if (t == typeof(short) || t == typeof(ushort))
        {
            return 2;
        }

        if (t == typeof(byte) || t == typeof(sbyte) || t == typeof(bool))
        {
            return 1;
        }

        throw new NotSupportedException($"Element type {t.Name} is not supported; expected float, double, int, long, uint, ulong, short, ushort, byte, sbyte or bool.");
    }

    /// <summary>The NumPy dtype string of <typeparamref name="T"/> (e.g. "&lt;f4" for float), used in file headers.</summary>
    public static string DType<T>()
        where T : unmanaged
    {
        Type t = typeof(T);
        return t == typeof(float) ? "<f4"
            : t == typeof(double) ? "<f8"
            : t == typeof(int) ? "<i4"
            : t == typeof(long) ? "<i8"
            : t == typeof(uint) ? "<u4"
            : t == typeof(ulong) ? "<u8"
            : t == typeof(short) ? "<i2"
            : t == typeof(ushort) ? "<u2"
            : t == typeof(byte) ? "|u1"
            : t == typeof(sbyte) ? "|i1"
            : t == typeof(bool) ? "|b1"
            : throw new NotSupportedException($"Element type {t.Name} has no dtype; expected a primitive numeric type or bool.");
    }
}
