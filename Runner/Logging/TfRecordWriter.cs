using System.Buffers.Binary;

namespace RlFramework.Runner.Logging;

/// <summary>
/// TFRecord framing: each record is <c>uint64 length</c>, <c>uint32 masked CRC-32C of the length bytes</c>,
/// the data, <c>uint32 masked CRC-32C of the data</c>, all little-endian.
/// </summary>
internal sealed class TfRecordWriter(Stream stream)
{
    /// <summary>Bytes a record adds around its data.</summary>
    public const int Overhead = 8 + 4 + 4;

    private readonly byte[] _header = new byte[12];
    private readonly byte[] _footer = new byte[4];

    /// <summary>Appends one record holding <paramref name="data"/>.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(8), Crc32C.Masked(_header.AsSpan(0, 8)));
        BinaryPrimitives.WriteUInt32LittleEndian(_footer, Crc32C.Masked(data));
        stream.Write(_header);
        stream.Write(data);
        stream.Write(_footer);
    }
}
