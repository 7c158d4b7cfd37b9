using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace RlFramework.Replay.MessagePack;

/// <summary>
/// Streaming MessagePack encoder (msgpack.org spec). Every scalar is written in its smallest encoding,
/// as the reference encoders do; bulk numeric arrays go out as <c>bin</c> holding raw little-endian elements.
/// </summary>
/// <remarks>Buffers output internally; call <see cref="Flush"/> (or dispose) to push it to the stream.</remarks>
public sealed class MessagePackWriter : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte[] _buffer;
    private int _used;
    private long _flushed;
    private bool _disposed;

    /// <summary>Creates a writer over <paramref name="stream"/>; the stream is closed on dispose unless <paramref name="leaveOpen"/>.</summary>
    public MessagePackWriter(Stream stream, bool leaveOpen = false, int bufferSize = 64 * 1024)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("Expected a writable stream.", nameof(stream));
        }

        if (bufferSize < 16)
        {
            throw new ArgumentOutOfRangeException(nameof(bufferSize), bufferSize, "Expected a buffer size of at least 16 bytes.");
        }

        _stream = stream;
        _leaveOpen = leaveOpen;
        _buffer = new byte[bufferSize];
    }

    /// <summary>Total bytes written so far (flushed or still buffered).</summary>
    public long BytesWritten => _flushed + _used;

    /// <summary>Writes nil (0xc0).</summary>
    public void WriteNil() => WriteByte(0xc0);

    /// <summary>Writes true (0xc3) or false (0xc2).</summary>
    public void WriteBoolean(bool value) => WriteByte(value ? (byte)0xc3 : (byte)0xc2);

    /// <summary>Writes a signed integer in its smallest encoding (non-negative values use the unsigned forms).</summary>
    public void WriteInt64(long value)
    {
        if (value >= 0)
        {
            WriteUInt64((ulong)value);
            return;
        }

        if (value >= -32)
        {
            WriteByte(unchecked((byte)(sbyte)value));
        }
        else if (value >= sbyte.MinValue)
        {
            Span<byte> s = Reserve(2);
            s[0] = 0xd0;
            s[1] = unchecked((byte)(sbyte)value);
        }
        else if (value >= short.MinValue)
        {
            Span<byte> s = Reserve(3);
            s[0] = 0xd1;
            BinaryPrimitives.WriteInt16BigEndian(s[1..], (short)value);
        }
        else if (value >= int.MinValue)
        {
            Span<byte> s = Reserve(5);
            s[0] = 0xd2;
            BinaryPrimitives.WriteInt32BigEndian(s[1..], (int)value);
        }
        else
        {
            Span<byte> s = Reserve(9);
            s[0] = 0xd3;
            BinaryPrimitives.WriteInt64BigEndian(s[1..], value);
        }
    }

    /// <summary>Writes an unsigned integer in its smallest encoding (positive fixint, uint8/16/32/64).</summary>
    public void WriteUInt64(ulong value)
    {
        if (value <= 0x7f)
        {
            WriteByte((byte)value);
        }
        else if (value <= byte.MaxValue)
        {
            Span<byte> s = Reserve(2);
            s[0] = 0xcc;
            s[1] = (byte)value;
        }
        else if (value <= ushort.MaxValue)
        {
            Span<byte> s = Reserve(3);
            s[0] = 0xcd;
            BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)value);
        }
        else if (value <= uint.MaxValue)
        {
            WriteUInt32Fixed((uint)value);
        }
        else
        {
            Span<byte> s = Reserve(9);
            s[0] = 0xcf;
            BinaryPrimitives.WriteUInt64BigEndian(s[1..], value);
        }
    }

    /// <summary>Writes a uint32 always in the 5-byte form (0xce + 4 bytes), for fields whose size must be fixed.</summary>
    public void WriteUInt32Fixed(uint value)
    {
        Span<byte> s = Reserve(5);
        s[0] = 0xce;
        BinaryPrimitives.WriteUInt32BigEndian(s[1..], value);
    }

    /// <summary>Writes a float32 (0xca).</summary>
    public void WriteSingle(float value)
    {
        Span<byte> s = Reserve(5);
        s[0] = 0xca;
        BinaryPrimitives.WriteSingleBigEndian(s[1..], value);
    }

    /// <summary>Writes a float64 (0xcb).</summary>
    public void WriteDouble(double value)
    {
        Span<byte> s = Reserve(9);
        s[0] = 0xcb;
        BinaryPrimitives.WriteDoubleBigEndian(s[1..], value);
    }

    /// <summary>Writes a UTF-8 string (fixstr, str8, str16 or str32 by length).</summary>
    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteString(value.AsSpan());
    }

    /// <summary>Writes a UTF-8 string (fixstr, str8, str16 or str32 by length).</summary>
    public void WriteString(ReadOnlySpan<char> value)
    {
        int length = Utf8.GetByteCount(value);
        WriteStringHeader(length);
        if (length <= _buffer.Length)
        {
            Span<byte> s = Reserve(length);
            Utf8.GetBytes(value, s);
        }
        else
        {
            WriteRaw(Utf8.GetBytes(value.ToArray()));
        }
    }

    /// <summary>Writes the header of a string of <paramref name="byteLength"/> UTF-8 bytes; the bytes follow via <see cref="WriteRaw"/>.</summary>
    public void WriteStringHeader(int byteLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteLength);
        if (byteLength < 32)
        {
            WriteByte((byte)(0xa0 | byteLength));
        }
        else
        {
            WriteLengthHeader(byteLength, 0xd9, 0xda, 0xdb);
        }
    }

    /// <summary>Writes a byte array (bin8, bin16 or bin32 by length).</summary>
    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteBinaryHeader(value.Length);
        WriteRaw(value);
    }

    /// <summary>Writes the header of a byte array of <paramref name="length"/> bytes; the bytes follow via <see cref="WriteRaw"/>.</summary>
    public void WriteBinaryHeader(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        WriteLengthHeader(length, 0xc4, 0xc5, 0xc6);
    }

    /// <summary>Writes an array header (fixarray, array16 or array32); <paramref name="count"/> values must follow.</summary>
    public void WriteArrayHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count < 16)
        {
            WriteByte((byte)(0x90 | count));
        }
        else
        {
            WriteLengthHeader(count, null, 0xdc, 0xdd);
        }
    }

    /// <summary>Writes a map header (fixmap, map16 or map32); <paramref name="count"/> key/value pairs must follow.</summary>
    public void WriteMapHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count < 16)
        {
            WriteByte((byte)(0x80 | count));
        }
        else
        {
            WriteLengthHeader(count, null, 0xde, 0xdf);
        }
    }

    /// <summary>Writes an extension value (fixext 1/2/4/8/16 when the size fits, else ext8/16/32).</summary>
    public void WriteExtension(sbyte type, ReadOnlySpan<byte> data)
    {
        WriteExtensionHeader(type, data.Length);
        WriteRaw(data);
    }

    /// <summary>Writes an extension header; <paramref name="length"/> data bytes must follow via <see cref="WriteRaw"/>.</summary>
    public void WriteExtensionHeader(sbyte type, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        byte fix = length switch
        {
            1 => 0xd4,
            2 => 0xd5,
            4 => 0xd6,
            8 => 0xd7,
            16 => 0xd8,
            _ => 0,
        };
        if (fix != 0)
        {
            Span<byte> s = Reserve(2);
            s[0] = fix;
            s[1] = unchecked((byte)type);
            return;
        }

        WriteLengthHeader(length, 0xc7, 0xc8, 0xc9);
        WriteByte(unchecked((byte)type));
    }

    /// <summary>Writes a timestamp in the smallest of the timestamp 32, 64 and 96 forms.</summary>
    public void WriteTimestamp(MessagePackTimestamp value)
    {
        long seconds = value.Seconds;
        uint nanos = value.Nanoseconds;
        if (seconds >= 0 && (seconds >> 34) == 0)
        {
            if (nanos == 0 && seconds <= uint.MaxValue)
            {
                Span<byte> s = Reserve(6);
                s[0] = 0xd6;
                s[1] = 0xff;
                BinaryPrimitives.WriteUInt32BigEndian(s[2..], (uint)seconds);
            }
            else
            {
                Span<byte> s = Reserve(10);
                s[0] = 0xd7;
                s[1] = 0xff;
                BinaryPrimitives.WriteUInt64BigEndian(s[2..], ((ulong)nanos << 34) | (ulong)seconds);
            }
        }
        else
        {
            Span<byte> s = Reserve(15);
            s[0] = 0xc7;
            s[1] = 12;
            s[2] = 0xff;
            BinaryPrimitives.WriteUInt32BigEndian(s[3..], nanos);
            BinaryPrimitives.WriteInt64BigEndian(s[7..], seconds);
        }
    }

    /// <summary>Writes a numeric array as one <c>bin</c> of raw little-endian elements (4 or 8 bytes each, or 1 for byte/bool).</summary>
    /// <typeparam name="T">float, double, int, long, uint, ulong, short, ushort, byte, sbyte or bool.</typeparam>
    public void WriteLittleEndianArray<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        int size = LittleEndianArrays.ElementSize<T>();
        int bytes = checked(values.Length * size);
        WriteBinaryHeader(bytes);
        if (BitConverter.IsLittleEndian || size == 1)
        {
            WriteRaw(MemoryMarshal.AsBytes(values));
            return;
        }

        // Big-endian host: swap element by element through the buffer.
        ReadOnlySpan<byte> raw = MemoryMarshal.AsBytes(values);
        for (int i = 0; i < raw.Length; i += size)
        {
            Span<byte> s = Reserve(size);
            for (int b = 0; b < size; b++)
            {
                s[b] = raw[i + size - 1 - b];
            }
        }
    }

    /// <summary>Writes bytes as they are (already encoded MessagePack, or the payload after a header).</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            if (_used == _buffer.Length)
            {
                FlushBuffer();
            }

            int n = Math.Min(bytes.Length, _buffer.Length - _used);
            bytes[..n].CopyTo(_buffer.AsSpan(_used));
            _used += n;
            bytes = bytes[n..];
        }
    }

    /// <summary>Pushes buffered bytes to the stream and flushes it.</summary>
    public void Flush()
    {
        FlushBuffer();
        _stream.Flush();
    }

    /// <summary>Flushes and, unless created with leaveOpen, disposes the stream.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Flush();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private void WriteLengthHeader(int length, byte? code8, byte code16, byte code32)
    {
        if (code8 is byte c8 && length <= byte.MaxValue)
        {
            Span<byte> s = Reserve(2);
            s[0] = c8;
            s[1] = (byte)length;
        }
        else if (length <= ushort.MaxValue)
        {
            Span<byte> s = Reserve(3);
            s[0] = code16;
            BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)length);
        }
        else
        {
            Span<byte> s = Reserve(5);
            s[0] = code32;
            BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)length);
        }
    }

    private void WriteByte(byte value)
    {
        if (_used == _buffer.Length)
        {
            FlushBuffer();
        }

        _buffer[_used++] = value;
    }

    private Span<byte> Reserve(int count)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_buffer.Length - _used < count)
        {
            FlushBuffer();
        }

        Span<byte> span = _buffer.AsSpan(_used, count);
        _used += count;
        return span;
    }

    private void FlushBuffer()
    {
        if (_used > 0)
        {
            _stream.Write(_buffer, 0, _used);
            _flushed += _used;
            _used = 0;
        }
    }
}
