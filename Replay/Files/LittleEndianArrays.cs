using System.Buffers;
using System.Runtime.InteropServices;
using MessagePack;

namespace RlFramework.Replay.Files;

/// <summary>
/// Numeric arrays as one MessagePack <c>bin</c> of raw little-endian elements (docs/episode-format.md): element sizes,
/// NumPy dtype names, and reading/writing them with MessagePack-CSharp's reader and writer.
/// </summary>
internal static class LittleEndianArrays
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

    /// <summary>Writes <paramref name="values"/> as one <c>bin</c> of raw little-endian elements.</summary>
    public static void WriteLittleEndianArray<T>(ref this MessagePackWriter writer, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        int size = ElementSize<T>();
        ReadOnlySpan<byte> raw = MemoryMarshal.AsBytes(values);
        WriteBinHeaderOnly(ref writer, raw.Length);
        if (BitConverter.IsLittleEndian || size == 1)
        {
            writer.WriteRaw(raw);
            return;
        }

        byte[] swapped = raw.ToArray();
        for (int i = 0; i < swapped.Length; i += size)
        {
            swapped.AsSpan(i, size).Reverse();
        }

        writer.WriteRaw(swapped);
    }

    /// <summary>Writes <paramref name="values"/> as one <c>bin</c> of raw little-endian elements.</summary>
    public static void WriteLittleEndianArray<T>(ref this MessagePackWriter writer, T[] values)
        where T : unmanaged => writer.WriteLittleEndianArray<T>(values.AsSpan());

    /// <summary>
    /// Writes the 2, 3 or 5 bytes of a bin8/16/32 header, the same bytes as MessagePack-CSharp's <c>WriteBinHeader</c>.
    /// That one reserves header and payload in one span, which would make the file writer's buffer as big as the
    /// array; here the payload follows through <c>WriteRaw</c>, copied in buffer-sized pieces.
    /// </summary>
    private static void WriteBinHeaderOnly(ref MessagePackWriter writer, int length)
    {
        byte[] header = length <= byte.MaxValue ? [MessagePackCode.Bin8, (byte)length]
            : length <= ushort.MaxValue ? [MessagePackCode.Bin16, (byte)(length >> 8), (byte)length]
            : [MessagePackCode.Bin32, (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length];
        writer.WriteRaw(header);
    }

    /// <summary>The byte length of the next value, which must be a <c>bin</c>, without consuming it.</summary>
    public static int PeekBinaryLength(ref this MessagePackReader reader)
    {
        MessagePackReader peek = reader.CreatePeekReader();
        return checked((int)ReadBinary(ref peek).Length);
    }

    /// <summary>Reads a <c>bin</c> of raw little-endian elements into <paramref name="destination"/>, whose length must match exactly.</summary>
    public static void ReadLittleEndianArray<T>(ref this MessagePackReader reader, Span<T> destination)
        where T : unmanaged
    {
        long at = reader.Consumed;
        int size = ElementSize<T>();
        ReadOnlySequence<byte> bytes = ReadBinary(ref reader);
        long expected = (long)destination.Length * size;
        if (bytes.Length != expected)
        {
            throw new MessagePackSerializationException($"binary array at byte offset {at} holds {bytes.Length} bytes but {destination.Length} elements of {size} bytes ({expected} bytes) were expected");
        }

        Span<byte> raw = MemoryMarshal.AsBytes(destination);
        bytes.CopyTo(raw);
        if (!BitConverter.IsLittleEndian && size > 1)
        {
            for (int i = 0; i < raw.Length; i += size)
            {
                raw.Slice(i, size).Reverse();
            }
        }

        if (typeof(T) == typeof(bool))
        {
            for (int i = 0; i < raw.Length; i++)
            {
                if (raw[i] > 1)
                {
                    throw new MessagePackSerializationException($"boolean array at byte offset {at}: element {i} has byte value {raw[i]}; expected 0 or 1");
                }
            }
        }
    }

    private static ReadOnlySequence<byte> ReadBinary(ref MessagePackReader reader)
    {
        long at = reader.Consumed;
        MessagePackType type = reader.NextMessagePackType;
        if (type != MessagePackType.Binary)
        {
            throw new MessagePackSerializationException($"expected binary data at byte offset {at}, found {type} (type byte 0x{reader.NextCode:x2})");
        }

        return reader.ReadBytes() ?? throw new MessagePackSerializationException($"expected binary data at byte offset {at}, found nil");
    }
}
