using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace RlFramework.Replay.MessagePack;

/// <summary>
/// Streaming MessagePack decoder (msgpack.org spec). Reads every encoding of a value (e.g. an integer in any width);
/// truncated or malformed input raises <see cref="MessagePackFormatException"/> naming the byte offset.
/// </summary>
public sealed class MessagePackReader : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte[] _buffer;
    private int _start;
    private int _end;
    private long _consumedBeforeBuffer;
    private bool _disposed;

    /// <summary>Creates a reader over <paramref name="stream"/>; the stream is closed on dispose unless <paramref name="leaveOpen"/>.</summary>
    public MessagePackReader(Stream stream, bool leaveOpen = false, int bufferSize = 64 * 1024)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("Expected a readable stream.", nameof(stream));
        }

        if (bufferSize < 16)
        {
            throw new ArgumentOutOfRangeException(nameof(bufferSize), bufferSize, "Expected a buffer size of at least 16 bytes.");
        }

        _stream = stream;
        _leaveOpen = leaveOpen;
        _buffer = new byte[bufferSize];
    }

    /// <summary>Creates a reader over an in-memory byte array.</summary>
    public MessagePackReader(byte[] data)
        : this(new MemoryStream(data ?? throw new ArgumentNullException(nameof(data)), writable: false))
    {
    }

    /// <summary>Byte offset of the next unread byte from the start of the data.</summary>
    public long Offset => _consumedBeforeBuffer + _start;

    /// <summary>True when all data has been consumed.</summary>
    public bool End => !TryFill(1);

    /// <summary>Returns the type of the next value without consuming it.</summary>
    public MessagePackType PeekType()
    {
        byte code = PeekByte("a value");
        return TypeOf(code) ?? throw Error(Offset, $"byte 0x{code:x2} is not a valid MessagePack type code (0xc1 is never used)");
    }

    internal bool PeekFloatIsSingle() => PeekByte("a number") == 0xca;

    /// <summary>Returns true if the next value is nil.</summary>
    public bool NextIsNil() => PeekByte("a value") == 0xc0;

    /// <summary>Reads nil; throws if the next value is something else.</summary>
    public void ReadNil()
    {
        long at = Offset;
        byte code = ReadByte("nil");
        if (code != 0xc0)
        {
            throw Unexpected(at, code, "nil");
        }
    }

    /// <summary>Consumes a nil and returns true, or returns false and leaves any other value unread.</summary>
    public bool TryReadNil()
    {
        if (PeekByte("a value") != 0xc0)
        {
            return false;
        }

        _start++;
        return true;
    }

    /// <summary>Reads a boolean.</summary>
    public bool ReadBoolean()
    {
        long at = Offset;
        byte code = ReadByte("a boolean");
        return code switch
        {
            0xc2 => false,
            0xc3 => true,
            _ => throw Unexpected(at, code, "a boolean"),
        };
    }

    /// <summary>Reads an integer of any encoding that fits in a <see cref="long"/>.</summary>
    public long ReadInt64()
    {
        long at = Offset;
        (bool negative, ulong magnitudeBits) = ReadIntegerRaw("an integer");
        if (!negative && magnitudeBits > long.MaxValue)
        {
            throw Error(at, $"integer {magnitudeBits} does not fit in a 64-bit signed integer");
        }

        return unchecked((long)magnitudeBits);
    }

    /// <summary>Reads a non-negative integer of any encoding.</summary>
    public ulong ReadUInt64()
    {
        long at = Offset;
        (bool negative, ulong bits) = ReadIntegerRaw("an unsigned integer");
        if (negative)
        {
            throw Error(at, $"expected a non-negative integer, found {unchecked((long)bits)}");
        }

        return bits;
    }

    /// <summary>Reads an integer that fits in an <see cref="int"/>.</summary>
    public int ReadInt32()
    {
        long at = Offset;
        long value = ReadInt64();
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw Error(at, $"integer {value} does not fit in a 32-bit signed integer");
        }

        return (int)value;
    }

    /// <summary>Reads a float32 or float64, or an integer converted to double.</summary>
    public double ReadDouble()
    {
        long at = Offset;
        byte code = PeekByte("a number");
        switch (code)
        {
            case 0xca:
                return ReadSingleBody();
            case 0xcb:
                _start++;
                return BinaryPrimitives.ReadDoubleBigEndian(Take(8, "float64"));
            default:
                if (TypeOf(code) != MessagePackType.Integer)
                {
                    throw Unexpected(at, code, "a number");
                }

                (bool negative, ulong bits) = ReadIntegerRaw("a number");
                return negative ? unchecked((long)bits) : bits;
        }
    }

    /// <summary>Reads a number as float32 (float64 and integers are converted).</summary>
    public float ReadSingle() => PeekByte("a number") == 0xca ? ReadSingleBody() : (float)ReadDouble();

    /// <summary>Reads a UTF-8 string.</summary>
    public string ReadString()
    {
        long at = Offset;
        int length = ReadStringHeader();
        if (length <= _buffer.Length)
        {
            ReadOnlySpan<byte> bytes = Take(length, "string bytes");
            return Decode(bytes, at);
        }

        byte[] big = new byte[length];
        ReadRaw(big);
        return Decode(big, at);
    }

    /// <summary>Reads a string header and returns its byte length; the bytes follow.</summary>
    public int ReadStringHeader()
    {
        long at = Offset;
        byte code = ReadByte("a string");
        if ((code & 0xe0) == 0xa0)
        {
            return code & 0x1f;
        }

        return code switch
        {
            0xd9 => Take(1, "str8 length")[0],
            0xda => BinaryPrimitives.ReadUInt16BigEndian(Take(2, "str16 length")),
            0xdb => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4, "str32 length")), at),
            _ => throw Unexpected(at, code, "a string"),
        };
    }

    /// <summary>Reads a byte array (bin8/16/32).</summary>
    public byte[] ReadBinary()
    {
        int length = ReadBinaryHeader();
        byte[] result = new byte[length];
        ReadRaw(result);
        return result;
    }

    /// <summary>Reads a bin header and returns its byte length; the bytes follow.</summary>
    public int ReadBinaryHeader()
    {
        long at = Offset;
        byte code = ReadByte("binary data");
        return code switch
        {
            0xc4 => Take(1, "bin8 length")[0],
            0xc5 => BinaryPrimitives.ReadUInt16BigEndian(Take(2, "bin16 length")),
            0xc6 => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4, "bin32 length")), at),
            _ => throw Unexpected(at, code, "binary data"),
        };
    }

    /// <summary>Returns the byte length of the next value, which must be a bin, without consuming it.</summary>
    public int PeekBinaryLength()
    {
        long at = Offset;
        byte code = PeekByte("binary data");
        int header = code switch
        {
            0xc4 => 2,
            0xc5 => 3,
            0xc6 => 5,
            _ => throw Unexpected(at, code, "binary data"),
        };
        if (!TryFill(header))
        {
            throw Error(at, $"unexpected end of data: the bin header needs {header} bytes");
        }

        ReadOnlySpan<byte> s = _buffer.AsSpan(_start + 1, header - 1);
        return code switch
        {
            0xc4 => s[0],
            0xc5 => BinaryPrimitives.ReadUInt16BigEndian(s),
            _ => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(s), at),
        };
    }

    /// <summary>Reads an array header and returns the element count.</summary>
    public int ReadArrayHeader()
    {
        long at = Offset;
        byte code = ReadByte("an array");
        if ((code & 0xf0) == 0x90)
        {
            return code & 0x0f;
        }

        return code switch
        {
            0xdc => BinaryPrimitives.ReadUInt16BigEndian(Take(2, "array16 length")),
            0xdd => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4, "array32 length")), at),
            _ => throw Unexpected(at, code, "an array"),
        };
    }

    /// <summary>Reads a map header and returns the number of key/value pairs.</summary>
    public int ReadMapHeader()
    {
        long at = Offset;
        byte code = ReadByte("a map");
        if ((code & 0xf0) == 0x80)
        {
            return code & 0x0f;
        }

        return code switch
        {
            0xde => BinaryPrimitives.ReadUInt16BigEndian(Take(2, "map16 length")),
            0xdf => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4, "map32 length")), at),
            _ => throw Unexpected(at, code, "a map"),
        };
    }

    /// <summary>Reads an extension header: the type code and the number of data bytes that follow.</summary>
    public (sbyte Type, int Length) ReadExtensionHeader()
    {
        long at = Offset;
        byte code = ReadByte("an extension");
        int length = code switch
        {
            0xd4 => 1,
            0xd5 => 2,
            0xd6 => 4,
            0xd7 => 8,
            0xd8 => 16,
            0xc7 => Take(1, "ext8 length")[0],
            0xc8 => BinaryPrimitives.ReadUInt16BigEndian(Take(2, "ext16 length")),
            0xc9 => CheckedLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4, "ext32 length")), at),
            _ => throw Unexpected(at, code, "an extension"),
        };
        sbyte type = unchecked((sbyte)Take(1, "extension type")[0]);
        return (type, length);
    }

    /// <summary>Reads a timestamp (extension -1 in its 32, 64 or 96-bit form).</summary>
    public MessagePackTimestamp ReadTimestamp()
    {
        long at = Offset;
        (sbyte type, int length) = ReadExtensionHeader();
        if (type != MessagePackTimestamp.ExtensionType)
        {
            throw Error(at, $"expected a timestamp (extension type -1), found extension type {type}");
        }

        return DecodeTimestamp(at, length);
    }

    /// <summary>Fills <paramref name="destination"/> with the next raw bytes (e.g. the payload after a bin header).</summary>
    public void ReadRaw(Span<byte> destination)
    {
        while (destination.Length > 0)
        {
            if (_start == _end && !TryFill(1))
            {
                throw Error(Offset, $"unexpected end of data: {destination.Length} more payload bytes were expected");
            }

            int n = Math.Min(destination.Length, _end - _start);
            _buffer.AsSpan(_start, n).CopyTo(destination);
            _start += n;
            destination = destination[n..];
        }
    }

    /// <summary>Reads a <c>bin</c> of raw little-endian elements into <paramref name="destination"/>, whose length must match exactly.</summary>
    /// <typeparam name="T">float, double, int, long, uint, ulong, short, ushort, byte, sbyte or bool.</typeparam>
    public void ReadLittleEndianArray<T>(Span<T> destination)
        where T : unmanaged
    {
        long at = Offset;
        int size = LittleEndianArrays.ElementSize<T>();
        int length = ReadBinaryHeader();
        long expected = (long)destination.Length * size;
        if (length != expected)
        {
            throw Error(at, $"binary array holds {length} bytes but {destination.Length} elements of {size} bytes ({expected} bytes) were expected");
        }

        Span<byte> raw = MemoryMarshal.AsBytes(destination);
        ReadRaw(raw);
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
                    throw Error(at, $"boolean array element {i} has byte value {raw[i]}; expected 0 or 1");
                }
            }
        }
    }

    /// <summary>Skips the next value, including everything nested inside it.</summary>
    public void Skip()
    {
        long pending = 1;
        while (pending > 0)
        {
            pending--;
            long at = Offset;
            switch (PeekType())
            {
                case MessagePackType.Nil:
                case MessagePackType.Boolean:
                    _start++;
                    break;
                case MessagePackType.Integer:
                    ReadIntegerRaw("an integer");
                    break;
                case MessagePackType.Float:
                    ReadDouble();
                    break;
                case MessagePackType.String:
                    SkipBytes(ReadStringHeader());
                    break;
                case MessagePackType.Binary:
                    SkipBytes(ReadBinaryHeader());
                    break;
                case MessagePackType.Array:
                    pending += ReadArrayHeader();
                    break;
                case MessagePackType.Map:
                    pending += 2L * ReadMapHeader();
                    break;
                case MessagePackType.Extension:
                    SkipBytes(ReadExtensionHeader().Length);
                    break;
                default:
                    throw Error(at, "unknown value type");
            }
        }
    }

    /// <summary>Disposes the stream unless the reader was created with leaveOpen.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    internal MessagePackTimestamp DecodeTimestamp(long at, int length)
    {
        switch (length)
        {
            case 4:
                return new MessagePackTimestamp(BinaryPrimitives.ReadUInt32BigEndian(Take(4, "timestamp32")), 0);
            case 8:
            {
                ulong v = BinaryPrimitives.ReadUInt64BigEndian(Take(8, "timestamp64"));
                uint nanos = (uint)(v >> 34);
                if (nanos > 999_999_999)
                {
                    throw Error(at, $"timestamp nanoseconds {nanos} exceed 999999999");
                }

                return new MessagePackTimestamp((long)(v & 0x3_ffff_ffffUL), nanos);
            }

            case 12:
            {
                ReadOnlySpan<byte> s = Take(12, "timestamp96");
                uint nanos = BinaryPrimitives.ReadUInt32BigEndian(s);
                if (nanos > 999_999_999)
                {
                    throw Error(at, $"timestamp nanoseconds {nanos} exceed 999999999");
                }

                return new MessagePackTimestamp(BinaryPrimitives.ReadInt64BigEndian(s[4..]), nanos);
            }

            default:
                throw Error(at, $"timestamp extension has {length} data bytes; expected 4, 8 or 12");
        }
    }

    internal static MessagePackType? TypeOf(byte code)
    {
        if (code <= 0x7f || code >= 0xe0)
        {
            return MessagePackType.Integer;
        }

        if (code <= 0x8f)
        {
            return MessagePackType.Map;
        }

        if (code <= 0x9f)
        {
            return MessagePackType.Array;
        }

        if (code <= 0xbf)
        {
            return MessagePackType.String;
        }

        return code switch
        {
            0xc0 => MessagePackType.Nil,
            0xc2 or 0xc3 => MessagePackType.Boolean,
            0xc4 or 0xc5 or 0xc6 => MessagePackType.Binary,
            0xc7 or 0xc8 or 0xc9 or 0xd4 or 0xd5 or 0xd6 or 0xd7 or 0xd8 => MessagePackType.Extension,
            0xca or 0xcb => MessagePackType.Float,
            >= 0xcc and <= 0xd3 => MessagePackType.Integer,
            0xd9 or 0xda or 0xdb => MessagePackType.String,
            0xdc or 0xdd => MessagePackType.Array,
            0xde or 0xdf => MessagePackType.Map,
            _ => null,
        };
    }

    /// <summary>Reads any integer encoding; returns (isNegative, two's-complement bits).</summary>
    internal (bool Negative, ulong Bits) ReadIntegerRaw(string what)
    {
        long at = Offset;
        byte code = ReadByte(what);
        if (code <= 0x7f)
        {
            return (false, code);
        }

        if (code >= 0xe0)
        {
            return (true, unchecked((ulong)(long)(sbyte)code));
        }

        switch (code)
        {
            case 0xcc: return (false, Take(1, "uint8")[0]);
            case 0xcd: return (false, BinaryPrimitives.ReadUInt16BigEndian(Take(2, "uint16")));
            case 0xce: return (false, BinaryPrimitives.ReadUInt32BigEndian(Take(4, "uint32")));
            case 0xcf: return (false, BinaryPrimitives.ReadUInt64BigEndian(Take(8, "uint64")));
            case 0xd0: return Signed((sbyte)Take(1, "int8")[0]);
            case 0xd1: return Signed(BinaryPrimitives.ReadInt16BigEndian(Take(2, "int16")));
            case 0xd2: return Signed(BinaryPrimitives.ReadInt32BigEndian(Take(4, "int32")));
            case 0xd3: return Signed(BinaryPrimitives.ReadInt64BigEndian(Take(8, "int64")));
            default: throw Unexpected(at, code, what);
        }

        static (bool, ulong) Signed(long v) => (v < 0, unchecked((ulong)v));
    }

    private float ReadSingleBody()
    {
        _start++;
        return BinaryPrimitives.ReadSingleBigEndian(Take(4, "float32"));
    }

    private string Decode(ReadOnlySpan<byte> bytes, long at)
    {
        try
        {
            return Utf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw Error(at, $"string is not valid UTF-8 ({e.Message})");
        }
    }

    private int CheckedLength(uint length, long at)
    {
        if (length > int.MaxValue)
        {
            throw Error(at, $"length {length} exceeds the supported maximum of {int.MaxValue}");
        }

        if (_stream.CanSeek)
        {
            long remaining = _stream.Length - _stream.Position + (_end - _start);
            if (length > remaining)
            {
                throw Error(at, $"declared length {length} exceeds the {remaining} bytes remaining (truncated or corrupt data)");
            }
        }

        return (int)length;
    }

    private void SkipBytes(int count)
    {
        while (count > 0)
        {
            if (_start == _end && !TryFill(1))
            {
                throw Error(Offset, $"unexpected end of data: {count} more payload bytes were expected");
            }

            int n = Math.Min(count, _end - _start);
            _start += n;
            count -= n;
        }
    }

    private byte PeekByte(string what)
    {
        if (!TryFill(1))
        {
            throw Error(Offset, $"unexpected end of data: expected {what}");
        }

        return _buffer[_start];
    }

    private byte ReadByte(string what)
    {
        byte b = PeekByte(what);
        _start++;
        return b;
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (!TryFill(count))
        {
            throw Error(Offset, $"unexpected end of data: {what} needs {count} bytes but only {_end - _start} remain");
        }

        ReadOnlySpan<byte> span = _buffer.AsSpan(_start, count);
        _start += count;
        return span;
    }

    private bool TryFill(int count)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_end - _start >= count)
        {
            return true;
        }

        if (_start > 0)
        {
            int kept = _end - _start;
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, kept);
            _consumedBeforeBuffer += _start;
            _start = 0;
            _end = kept;
        }

        while (_end < count)
        {
            int n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0)
            {
                return false;
            }

            _end += n;
        }

        return true;
    }

    private static MessagePackFormatException Unexpected(long at, byte code, string expected)
    {
        string found = TypeOf(code) is MessagePackType t ? $"{t} (type byte 0x{code:x2})" : $"invalid type byte 0x{code:x2}";
        return new MessagePackFormatException(at, $"expected {expected}, found {found}");
    }

    private static MessagePackFormatException Error(long at, string message) => new(at, message);
}
