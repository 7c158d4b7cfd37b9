using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using RlFramework.Runner.Logging;

namespace RlFramework.Runner.Runs;

/// <summary>
/// A payload in a self-checking envelope, written atomically: the 8 bytes <c>RLCHECK1</c>, the payload length (uint64 LE),
/// the payload, its CRC-32C (uint32 LE). Reading refuses a file that is not one, is cut short, or has changed since written,
/// with a message that names the file and what is wrong.
/// </summary>
public static class CheckedFile
{
    /// <summary>The first 8 bytes of every checked file.</summary>
    public static ReadOnlySpan<byte> Magic => "RLCHECK1"u8;

    private const int HeaderLength = 16;
    private const int TrailerLength = 4;

    /// <summary>Writes the envelope with the payload <paramref name="writePayload"/> produces to <paramref name="path"/>, atomically.</summary>
    public static void Write(string path, Action<Stream> writePayload)
    {
        ArgumentNullException.ThrowIfNull(writePayload);
        AtomicFile.Write(path, file =>
        {
            Span<byte> header = stackalloc byte[HeaderLength];
            Magic.CopyTo(header);
            file.Write(header);
            writePayload(file);
            long length = file.Length - HeaderLength;
            uint crc = Crc32COf(file, HeaderLength, length, path);
            Span<byte> trailer = stackalloc byte[TrailerLength];
            BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc);
            file.Position = file.Length;
            file.Write(trailer);
            BinaryPrimitives.WriteUInt64LittleEndian(header[8..], (ulong)length);
            file.Position = 0;
            file.Write(header);
        });
    }

    /// <summary>Writes <paramref name="payload"/> in the envelope to <paramref name="path"/>, atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlyMemory<byte> payload) => Write(path, stream => stream.Write(payload.Span));

    /// <summary>The payload of <paramref name="path"/>, after checking the envelope.</summary>
    /// <exception cref="InvalidDataException">The file is not a checked file, is truncated, or its content does not match its CRC-32C.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static byte[] ReadAllBytes(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            var start = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, Magic.Length)).Select(c => char.IsControl(c) || c > '~' ? '.' : c);
            throw new InvalidDataException($"'{path}' is not an RlFramework checked file: it starts with \"{string.Concat(start)}\" ({bytes.Length} bytes), expected \"RLCHECK1\".");
        }

        if (bytes.Length < HeaderLength + TrailerLength)
        {
            throw new InvalidDataException($"'{path}' is truncated: {bytes.Length} bytes, shorter than the {HeaderLength + TrailerLength}-byte envelope.");
        }

        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(8));
        ulong actual = (ulong)(bytes.Length - HeaderLength - TrailerLength);
        if (length != actual)
        {
            throw new InvalidDataException(length > actual
                ? $"'{path}' is truncated: its header announces {length} payload bytes but only {actual} are there."
                : $"'{path}' is corrupt: its header announces {length} payload bytes but {actual} are there (trailing data).");
        }

        var payload = bytes.AsSpan(HeaderLength, (int)length);
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - TrailerLength));
        uint computed = Crc32C.Compute(payload);
        if (stored != computed)
        {
            throw new InvalidDataException($"'{path}' is corrupt: its content has CRC-32C 0x{computed:x8} but 0x{stored:x8} was stored when it was written.");
        }

        return payload.ToArray();
    }

    /// <summary>CRC-32C of <paramref name="length"/> bytes of <paramref name="file"/> from <paramref name="offset"/> (read back from the file).</summary>
    internal static uint Crc32COf(FileStream file, long offset, long length, string path)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            file.Position = offset;
            uint crc = 0;
            for (long left = length; left > 0;)
            {
                int read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (read == 0)
                {
                    throw new IOException($"'{path}' ended {left} bytes early while being checksummed.");
                }

                crc = Crc32C.Append(crc, buffer.AsSpan(0, read));
                left -= read;
            }

            return crc;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
