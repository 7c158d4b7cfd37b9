using System.Globalization;
using System.Text;

namespace RlFramework.Replay.MessagePack;

/// <summary>An immutable, dynamically typed MessagePack value tree: decode any data with <see cref="Read"/>, encode with <see cref="WriteTo"/>.</summary>
public sealed class MessagePackValue : IEquatable<MessagePackValue>
{
    private readonly ulong _bits;
    private readonly double _double;
    private readonly object? _ref;

    private MessagePackValue(MessagePackType type, ulong bits = 0, double number = 0, object? reference = null, bool flag = false, sbyte extType = 0)
    {
        Type = type;
        _bits = bits;
        _double = number;
        _ref = reference;
        Flag = flag;
        ExtensionType = extType;
    }

    /// <summary>The nil value.</summary>
    public static MessagePackValue Nil { get; } = new(MessagePackType.Nil);

    /// <summary>The kind of value.</summary>
    public MessagePackType Type { get; }

    /// <summary>For integers: the value is negative. For floats: stored as float32. For extensions: it is a timestamp.</summary>
    private bool Flag { get; }

    /// <summary>The extension type code (extensions only; -1 for timestamps).</summary>
    public sbyte ExtensionType { get; }

    /// <summary>True for a float that is encoded as float32.</summary>
    public bool IsSingle => Type == MessagePackType.Float && Flag;

    /// <summary>True for an extension holding a timestamp.</summary>
    public bool IsTimestamp => Type == MessagePackType.Extension && Flag;

    /// <summary>Creates a boolean.</summary>
    public static MessagePackValue FromBoolean(bool value) => new(MessagePackType.Boolean, value ? 1UL : 0UL);

    /// <summary>Creates a signed integer.</summary>
    public static MessagePackValue FromInt64(long value) => new(MessagePackType.Integer, unchecked((ulong)value), flag: value < 0);

    /// <summary>Creates an unsigned integer.</summary>
    public static MessagePackValue FromUInt64(ulong value) => new(MessagePackType.Integer, value);

    /// <summary>Creates a float64.</summary>
    public static MessagePackValue FromDouble(double value) => new(MessagePackType.Float, number: value);

    /// <summary>Creates a float32.</summary>
    public static MessagePackValue FromSingle(float value) => new(MessagePackType.Float, number: value, flag: true);

    /// <summary>Creates a string.</summary>
    public static MessagePackValue FromString(string value) => new(MessagePackType.String, reference: value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>Creates a byte array (copied).</summary>
    public static MessagePackValue FromBinary(ReadOnlySpan<byte> value) => new(MessagePackType.Binary, reference: value.ToArray());

    /// <summary>Creates an array of the given items.</summary>
    public static MessagePackValue FromArray(IEnumerable<MessagePackValue> items) =>
        new(MessagePackType.Array, reference: (items ?? throw new ArgumentNullException(nameof(items))).ToArray());

    /// <summary>Creates a map of the given entries, in order.</summary>
    public static MessagePackValue FromMap(IEnumerable<KeyValuePair<MessagePackValue, MessagePackValue>> entries) =>
        new(MessagePackType.Map, reference: (entries ?? throw new ArgumentNullException(nameof(entries))).ToArray());

    /// <summary>Creates an extension value with application type code <paramref name="type"/>.</summary>
    public static MessagePackValue FromExtension(sbyte type, ReadOnlySpan<byte> data) =>
        new(MessagePackType.Extension, reference: data.ToArray(), extType: type);

    /// <summary>Creates a timestamp (extension type -1).</summary>
    public static MessagePackValue FromTimestamp(MessagePackTimestamp value) =>
        new(MessagePackType.Extension, reference: value, flag: true, extType: MessagePackTimestamp.ExtensionType);

    /// <summary>The boolean value.</summary>
    public bool AsBoolean() => Expect(MessagePackType.Boolean)._bits != 0;

    /// <summary>True for a negative integer.</summary>
    public bool IsNegativeInteger => Type == MessagePackType.Integer && Flag;

    /// <summary>The integer as <see cref="long"/>; throws if it does not fit.</summary>
    public long AsInt64()
    {
        Expect(MessagePackType.Integer);
        if (!Flag && _bits > long.MaxValue)
        {
            throw new OverflowException($"Integer {_bits} does not fit in a 64-bit signed integer.");
        }

        return unchecked((long)_bits);
    }

    /// <summary>The integer as <see cref="ulong"/>; throws if negative.</summary>
    public ulong AsUInt64()
    {
        Expect(MessagePackType.Integer);
        if (Flag)
        {
            throw new OverflowException($"Integer {unchecked((long)_bits)} is negative; expected a non-negative integer.");
        }

        return _bits;
    }

    /// <summary>The number (integer or float) as <see cref="double"/>.</summary>
    public double AsDouble() => Type switch
    {
        MessagePackType.Float => _double,
        MessagePackType.Integer => Flag ? unchecked((long)_bits) : _bits,
        _ => throw new InvalidOperationException($"Value is {Type}; expected a number."),
    };

    /// <summary>The string value.</summary>
    public string AsString() => (string)Expect(MessagePackType.String)._ref!;

    /// <summary>The bytes of a binary value or extension payload.</summary>
    public ReadOnlyMemory<byte> AsBinary()
    {
        if (Type == MessagePackType.Binary || (Type == MessagePackType.Extension && !Flag))
        {
            return (byte[])_ref!;
        }

        throw new InvalidOperationException($"Value is {Type}; expected binary data or a non-timestamp extension.");
    }

    /// <summary>The items of an array.</summary>
    public IReadOnlyList<MessagePackValue> AsArray() => (MessagePackValue[])Expect(MessagePackType.Array)._ref!;

    /// <summary>The entries of a map, in encoded order.</summary>
    public IReadOnlyList<KeyValuePair<MessagePackValue, MessagePackValue>> AsMap() =>
        (KeyValuePair<MessagePackValue, MessagePackValue>[])Expect(MessagePackType.Map)._ref!;

    /// <summary>The timestamp value.</summary>
    public MessagePackTimestamp AsTimestamp() =>
        IsTimestamp ? (MessagePackTimestamp)_ref! : throw new InvalidOperationException($"Value is {Type} (extension type {ExtensionType}); expected a timestamp.");

    /// <summary>Reads one complete value (with everything nested in it).</summary>
    public static MessagePackValue Read(MessagePackReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        long at = reader.Offset;
        switch (reader.PeekType())
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return Nil;
            case MessagePackType.Boolean:
                return FromBoolean(reader.ReadBoolean());
            case MessagePackType.Integer:
            {
                (bool negative, ulong bits) = reader.ReadIntegerRaw("an integer");
                return new MessagePackValue(MessagePackType.Integer, bits, flag: negative);
            }

            case MessagePackType.Float:
            {
                bool single = PeekIsSingle(reader);
                double d = reader.ReadDouble();
                return single ? FromSingle((float)d) : FromDouble(d);
            }

            case MessagePackType.String:
                return FromString(reader.ReadString());
            case MessagePackType.Binary:
                return new MessagePackValue(MessagePackType.Binary, reference: reader.ReadBinary());
            case MessagePackType.Array:
            {
                int n = reader.ReadArrayHeader();
                var items = new MessagePackValue[n];
                for (int i = 0; i < n; i++)
                {
                    items[i] = Read(reader);
                }

                return new MessagePackValue(MessagePackType.Array, reference: items);
            }

            case MessagePackType.Map:
            {
                int n = reader.ReadMapHeader();
                var entries = new KeyValuePair<MessagePackValue, MessagePackValue>[n];
                for (int i = 0; i < n; i++)
                {
                    MessagePackValue key = Read(reader);
                    entries[i] = new(key, Read(reader));
                }

                return new MessagePackValue(MessagePackType.Map, reference: entries);
            }

            case MessagePackType.Extension:
            {
                (sbyte type, int length) = reader.ReadExtensionHeader();
                if (type == MessagePackTimestamp.ExtensionType)
                {
                    return FromTimestamp(reader.DecodeTimestamp(at, length));
                }

                byte[] data = new byte[length];
                reader.ReadRaw(data);
                return new MessagePackValue(MessagePackType.Extension, reference: data, extType: type);
            }

            default:
                throw new MessagePackFormatException(at, "unknown value type");
        }
    }

    /// <summary>Writes this value (and everything nested in it) in the smallest encodings.</summary>
    public void WriteTo(MessagePackWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (Type)
        {
            case MessagePackType.Nil:
                writer.WriteNil();
                break;
            case MessagePackType.Boolean:
                writer.WriteBoolean(_bits != 0);
                break;
            case MessagePackType.Integer:
                if (Flag)
                {
                    writer.WriteInt64(unchecked((long)_bits));
                }
                else
                {
                    writer.WriteUInt64(_bits);
                }

                break;
            case MessagePackType.Float:
                if (Flag)
                {
                    writer.WriteSingle((float)_double);
                }
                else
                {
                    writer.WriteDouble(_double);
                }

                break;
            case MessagePackType.String:
                writer.WriteString((string)_ref!);
                break;
            case MessagePackType.Binary:
                writer.WriteBinary((byte[])_ref!);
                break;
            case MessagePackType.Array:
            {
                var items = (MessagePackValue[])_ref!;
                writer.WriteArrayHeader(items.Length);
                foreach (MessagePackValue item in items)
                {
                    item.WriteTo(writer);
                }

                break;
            }

            case MessagePackType.Map:
            {
                var entries = (KeyValuePair<MessagePackValue, MessagePackValue>[])_ref!;
                writer.WriteMapHeader(entries.Length);
                foreach (KeyValuePair<MessagePackValue, MessagePackValue> e in entries)
                {
                    e.Key.WriteTo(writer);
                    e.Value.WriteTo(writer);
                }

                break;
            }

            case MessagePackType.Extension:
                if (Flag)
                {
                    writer.WriteTimestamp((MessagePackTimestamp)_ref!);
                }
                else
                {
                    writer.WriteExtension(ExtensionType, (byte[])_ref!);
                }

                break;
        }
    }

    /// <summary>Encodes this value to a new byte array.</summary>
    public byte[] ToBytes()
    {
        using var ms = new MemoryStream();
        using (var w = new MessagePackWriter(ms, leaveOpen: true))
        {
            WriteTo(w);
        }

        return ms.ToArray();
    }

    /// <summary>Decodes exactly one value from <paramref name="data"/>; trailing bytes are an error.</summary>
    public static MessagePackValue FromBytes(byte[] data)
    {
        using var reader = new MessagePackReader(data);
        MessagePackValue value = Read(reader);
        if (!reader.End)
        {
            throw new MessagePackFormatException(reader.Offset, $"{data.Length - reader.Offset} unexpected trailing bytes after the value");
        }

        return value;
    }

    /// <summary>Structural equality: same type and same content (integers by value, floats by value with NaN equal to NaN).</summary>
    public bool Equals(MessagePackValue? other)
    {
        if (other is null || other.Type != Type)
        {
            return false;
        }

        switch (Type)
        {
            case MessagePackType.Nil:
                return true;
            case MessagePackType.Boolean:
            case MessagePackType.Integer:
                return _bits == other._bits && Flag == other.Flag;
            case MessagePackType.Float:
                return _double.Equals(other._double);
            case MessagePackType.String:
                return (string)_ref! == (string)other._ref!;
            case MessagePackType.Binary:
                return ((byte[])_ref!).AsSpan().SequenceEqual((byte[])other._ref!);
            case MessagePackType.Array:
                return ((MessagePackValue[])_ref!).SequenceEqual((MessagePackValue[])other._ref!);
            case MessagePackType.Map:
            {
                var a = (KeyValuePair<MessagePackValue, MessagePackValue>[])_ref!;
                var b = (KeyValuePair<MessagePackValue, MessagePackValue>[])other._ref!;
                if (a.Length != b.Length)
                {
                    return false;
                }

                for (int i = 0; i < a.Length; i++)
                {
                    if (!a[i].Key.Equals(b[i].Key) || !a[i].Value.Equals(b[i].Value))
                    {
                        return false;
                    }
                }

                return true;
            }

            case MessagePackType.Extension:
                if (Flag != other.Flag || ExtensionType != other.ExtensionType)
                {
                    return false;
                }

                return Flag
                    ? ((MessagePackTimestamp)_ref!).Equals((MessagePackTimestamp)other._ref!)
                    : ((byte[])_ref!).AsSpan().SequenceEqual((byte[])other._ref!);
            default:
                return false;
        }
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MessagePackValue);

    /// <inheritdoc/>
    public override int GetHashCode() => Type switch
    {
        MessagePackType.Float => _double.GetHashCode(),
        MessagePackType.String => ((string)_ref!).GetHashCode(StringComparison.Ordinal),
        MessagePackType.Array => ((MessagePackValue[])_ref!).Length,
        MessagePackType.Map => ((KeyValuePair<MessagePackValue, MessagePackValue>[])_ref!).Length,
        _ => HashCode.Combine(Type, _bits, ExtensionType),
    };

    /// <summary>A JSON-like rendering, for messages and debugging.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Append(sb);
        return sb.ToString();
    }

    private void Append(StringBuilder sb)
    {
        switch (Type)
        {
            case MessagePackType.Nil: sb.Append("nil"); break;
            case MessagePackType.Boolean: sb.Append(_bits != 0 ? "true" : "false"); break;
            case MessagePackType.Integer: sb.Append(Flag ? unchecked((long)_bits).ToString(CultureInfo.InvariantCulture) : _bits.ToString(CultureInfo.InvariantCulture)); break;
            case MessagePackType.Float: sb.Append(_double.ToString("R", CultureInfo.InvariantCulture)); break;
            case MessagePackType.String: sb.Append('"').Append((string)_ref!).Append('"'); break;
            case MessagePackType.Binary: sb.Append("bin(").Append(Convert.ToHexString((byte[])_ref!)).Append(')'); break;
            case MessagePackType.Array:
                sb.Append('[');
                var items = (MessagePackValue[])_ref!;
                for (int i = 0; i < items.Length; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    items[i].Append(sb);
                }

                sb.Append(']');
                break;
            case MessagePackType.Map:
                sb.Append('{');
                var entries = (KeyValuePair<MessagePackValue, MessagePackValue>[])_ref!;
                for (int i = 0; i < entries.Length; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    entries[i].Key.Append(sb);
                    sb.Append(": ");
                    entries[i].Value.Append(sb);
                }

                sb.Append('}');
                break;
            case MessagePackType.Extension:
                if (Flag)
                {
                    var t = (MessagePackTimestamp)_ref!;
                    sb.Append("timestamp(").Append(t.Seconds).Append(", ").Append(t.Nanoseconds).Append(')');
                }
                else
                {
                    sb.Append("ext(").Append(ExtensionType).Append(", ").Append(Convert.ToHexString((byte[])_ref!)).Append(')');
                }

                break;
        }
    }

    private static bool PeekIsSingle(MessagePackReader reader)
    {
        // Float type is known here; 0xca is float32.
        return reader.PeekFloatIsSingle();
    }

    private MessagePackValue Expect(MessagePackType type) =>
        Type == type ? this : throw new InvalidOperationException($"Value is {Type}; expected {type}.");
}
