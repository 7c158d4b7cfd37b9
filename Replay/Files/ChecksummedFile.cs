using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using MessagePack;

namespace RlFramework.Replay.Files;

/// <summary>
/// Files holding one MessagePack map whose last entry is <c>"crc32": uint32</c> (always the 5-byte 0xce form), the
/// CRC-32 of every byte before that entry. Writes are atomic (<see cref="AtomicFile"/>).
/// </summary>
internal static class ChecksummedFile
{
    /// <summary>The 11-byte trailer is a5 "crc32" ce + 4 bytes.</summary>
    public const int TrailerLength = 11;

    private static readonly byte[] TrailerKey = [0xa5, .. Encoding.ASCII.GetBytes("crc32")];

    /// <summary>Writes a map of <paramref name="fieldCount"/> fields (written by <paramref name="body"/>) plus the checksum, atomically.</summary>
    public static void Write(string path, int fieldCount, WriteFields body)
    {
        AtomicFile.Write(path, stream =>
        {
            var crc = new CrcStream(stream);
            var sink = new StreamBufferWriter(crc);
            var writer = new MessagePackWriter(sink);
            writer.WriteMapHeader(fieldCount + 1);
            body(ref writer);
            writer.Flush();
            sink.Flush();
            sink.Write(Trailer(crc.Crc));
            sink.Flush();
        });
    }

    /// <summary>The 11 bytes of the <c>"crc32"</c> entry holding <paramref name="crc"/>.</summary>
    public static byte[] Trailer(uint crc)
    {
        var buffer = new ArrayBufferWriter<byte>(TrailerLength);
        var writer = new MessagePackWriter(buffer);
        writer.WriteRaw(TrailerKey);
        writer.WriteUInt32(crc); // always the 5-byte 0xce form
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads the whole file, checks the trailer and checksum, and returns a reader positioned after the map header.</summary>
    public static MessagePackReader OpenVerified(string path, out int fieldCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = File.ReadAllBytes(path);
        Verify(path, bytes, bytes.Length);
        var reader = new MessagePackReader(bytes);
        try
        {
            fieldCount = reader.ReadMapHeader() - 1;
        }
        catch (Exception e) when (DecodeErrors.Is(e))
        {
            throw Corrupt(path, e);
        }

        return reader;
    }

    /// <summary>Checks that bytes[..length] end with a valid checksum trailer.</summary>
    public static void Verify(string path, byte[] bytes, int length)
    {
        if (length < TrailerLength + 1 || !bytes.AsSpan(length - TrailerLength, TrailerKey.Length).SequenceEqual(TrailerKey) || bytes[length - 5] != 0xce)
        {
            throw new InvalidDataException($"File '{path}' ({length} bytes) is truncated or not an RlFramework MessagePack file: the trailing \"crc32\" entry is missing.");
        }

        uint stored = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(length - 4));
        uint computed = Crc32.HashToUInt32(bytes.AsSpan(0, length - TrailerLength));
        if (stored != computed)
        {
            throw new InvalidDataException($"File '{path}' is corrupt: stored CRC-32 0x{stored:x8} but the content has 0x{computed:x8}.");
        }
    }

    /// <summary>Wraps a decoding error with the file name.</summary>
    public static InvalidDataException Corrupt(string path, Exception inner) =>
        new($"File '{path}' is malformed: {inner.Message}", inner);
}

/// <summary>Writes the fields of a file's top-level map.</summary>
internal delegate void WriteFields(ref MessagePackWriter writer);
