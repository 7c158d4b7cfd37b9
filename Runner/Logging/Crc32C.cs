using System.Buffers.Binary;
using System.Numerics;

namespace RlFramework.Runner.Logging;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF), as TFRecord files use it.
/// The per-word step is the BCL's <see cref="BitOperations.Crc32C(uint, ulong)"/> (hardware instruction where the CPU has one);
/// System.IO.Hashing 10.0.3 restores from our registry but offers only CRC-32 and CRC-64, not CRC-32C.
/// </summary>
internal static class Crc32C
{
    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a CRC-32C: <c>Append(Compute(a), b) == Compute(a + b)</c>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint state = ~crc;
        while (data.Length >= 8)
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (byte b in data)
        {
            state = BitOperations.Crc32C(state, b);
        }

        return ~state;
    }

    /// <summary>TFRecord's masked CRC: rotate right by 15 bits, then add 0xa282ead8 (so a CRC of data containing CRCs stays well mixed).</summary>
    public static uint Mask(uint crc) => unchecked(((crc >> 15) | (crc << 17)) + 0xa282ead8u);

    /// <summary>The masked CRC-32C of <paramref name="data"/>.</summary>
    public static uint Masked(ReadOnlySpan<byte> data) => Mask(Compute(data));
}
