using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using MessagePack;

namespace RlFramework.Replay.Tests.MessagePack;

/// <summary>
/// The kawanet/msgpack-test-suite vectors through MessagePack-CSharp's <see cref="MessagePackWriter"/> and
/// <see cref="MessagePackReader"/>, the codec our files are now written with: every value encodes to a listed form
/// (the smallest of its family, which our byte-compatible files rely on), every listed form decodes to the value.
/// </summary>
public class TestSuiteTests
{
    public sealed record Vector(string Group, int Index, object? Expected, string[] Forms)
    {
        public override string ToString() => $"{Group}#{Index}";
    }

    /// <summary>A timestamp vector: seconds and nanoseconds since 1970-01-01T00:00:00Z.</summary>
    public sealed record Timestamp(long Seconds, uint Nanoseconds)
    {
        private const long MinSeconds = -62_135_596_800; // DateTime.MinValue, 0001-01-01
        private const long MaxSeconds = 253_402_300_799; // DateTime.MaxValue's second, 9999-12-31T23:59:59

        /// <summary>The DateTime MessagePack-CSharp reads it as (100 ns ticks, so nanoseconds are truncated), if one exists.</summary>
        public DateTime? AsDateTime => Seconds is >= MinSeconds and <= MaxSeconds
            ? DateTime.UnixEpoch.AddSeconds(Seconds).AddTicks(Nanoseconds / 100)
            : null;

        /// <summary>True when a DateTime holds it exactly, so writing that DateTime must give the listed form.</summary>
        public bool ExactInDateTime => AsDateTime is not null && Nanoseconds % 100 == 0;
    }

    /// <summary>An extension value.</summary>
    public sealed record Extension(sbyte Type, byte[] Data)
    {
        public bool Equals(Extension? other) => other is not null && Type == other.Type && Data.AsSpan().SequenceEqual(other.Data);

        public override int GetHashCode() => Type;
    }

    private static readonly Lazy<List<Vector>> Vectors = new(LoadVectors);

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (Vector v in Vectors.Value)
        {
            data.Add(v.Group, v.Index);
        }

        return data;
    }

    [Fact]
    public void FixtureHasAllGroups()
    {
        Assert.Equal(15, Vectors.Value.Select(v => v.Group).Distinct().Count());
        Assert.Equal(85, Vectors.Value.Count);
        Assert.Equal(233, Vectors.Value.Sum(v => v.Forms.Length));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EncodesToAListedForm(string group, int index)
    {
        Vector v = Find(group, index);
        if (v.Expected is Timestamp { ExactInDateTime: false })
        {
            return; // DateTime (100 ns ticks, years 1-9999) cannot hold it, so MessagePack-CSharp cannot write it.
        }

        string hex = ToHex(Encode(v.Expected));
        Assert.Contains(hex, v.Forms);
        MessagePackType family = TypeOf(FromHex(hex));
        if (family != MessagePackType.Float)
        {
            // Smallest encoding of the same family (an integer is never written as a float), like the reference encoders.
            int smallest = v.Forms.Where(f => TypeOf(FromHex(f)) == family).Min(f => f.Length);
            Assert.Equal(smallest, hex.Length);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryListedFormDecodesToTheValue(string group, int index)
    {
        Vector v = Find(group, index);
        foreach (string form in v.Forms)
        {
            byte[] bytes = FromHex(form);
            var reader = new MessagePackReader(bytes);
            object? decoded = v.Expected is Timestamp { AsDateTime: null } ? DecodeRawTimestamp(ref reader) : Decode(ref reader);
            Assert.True(SameValue(v.Expected, decoded), $"{form} decoded to {decoded}, expected {v.Expected}");
            Assert.True(reader.End);
            Assert.Equal(bytes.Length, reader.Consumed);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryTruncatedFormIsRefused(string group, int index)
    {
        Vector v = Find(group, index);
        foreach (string form in v.Forms)
        {
            byte[] bytes = FromHex(form);
            for (int cut = 0; cut < bytes.Length; cut++)
            {
                byte[] prefix = bytes[..cut];
                Exception e = Assert.ThrowsAny<Exception>(() =>
                {
                    var reader = new MessagePackReader(prefix);
                    reader.Skip();
                });
                Assert.True(e is EndOfStreamException or MessagePackSerializationException, $"{form} cut at {cut}: {e.GetType().Name}");
            }
        }
    }

    [Fact]
    public void SkipPassesOverEveryForm()
    {
        foreach (Vector v in Vectors.Value)
        {
            foreach (string form in v.Forms)
            {
                var reader = new MessagePackReader(FromHex(form + "-c3"));
                reader.Skip();
                Assert.True(reader.ReadBoolean());
                Assert.True(reader.End);
            }
        }
    }

    internal static MessagePackType TypeOf(byte[] bytes) => new MessagePackReader(bytes).NextMessagePackType;

    internal static byte[] Encode(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        Write(ref writer, value);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(ref MessagePackWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNil(); break;
            case bool b: w.Write(b); break;
            case BigInteger i when i.Sign < 0: w.Write((long)i); break;
            case BigInteger i: w.Write((ulong)i); break;
            case double d: w.Write(d); break;
            case string s: w.Write(s); break;
            case byte[] bin: w.Write(bin); break;
            case Timestamp t: w.Write(t.AsDateTime!.Value); break;
            case Extension x: w.WriteExtensionFormat(new ExtensionResult(x.Type, x.Data)); break;
            case List<object?> items:
                w.WriteArrayHeader(items.Count);
                foreach (object? item in items)
                {
                    Write(ref w, item);
                }

                break;
            case List<KeyValuePair<object?, object?>> map:
                w.WriteMapHeader(map.Count);
                foreach (KeyValuePair<object?, object?> kv in map)
                {
                    Write(ref w, kv.Key);
                    Write(ref w, kv.Value);
                }

                break;
            default: throw new ArgumentException($"Unexpected test value {value}.", nameof(value));
        }
    }

    private static object? Decode(ref MessagePackReader r)
    {
        switch (r.NextMessagePackType)
        {
            case MessagePackType.Nil:
                r.ReadNil();
                return null;
            case MessagePackType.Boolean: return r.ReadBoolean();
            case MessagePackType.Integer: return r.NextCode == MessagePackCode.UInt64 ? new BigInteger(r.ReadUInt64()) : new BigInteger(r.ReadInt64());
            case MessagePackType.Float: return r.ReadDouble();
            case MessagePackType.String: return r.ReadString();
            case MessagePackType.Binary: return r.ReadBytes()!.Value.ToArray();
            case MessagePackType.Array:
                {
                    int n = r.ReadArrayHeader();
                    var items = new List<object?>(n);
                    for (int i = 0; i < n; i++)
                    {
                        items.Add(Decode(ref r));
                    }

                    return items;
                }

            case MessagePackType.Map:
                {
                    int n = r.ReadMapHeader();
                    var map = new List<KeyValuePair<object?, object?>>(n);
                    for (int i = 0; i < n; i++)
                    {
                        object? key = Decode(ref r);
                        map.Add(new(key, Decode(ref r)));
                    }

                    return map;
                }

            case MessagePackType.Extension:
                {
                    MessagePackReader peek = r.CreatePeekReader();
                    if (peek.ReadExtensionFormatHeader().TypeCode == ReservedMessagePackExtensionTypeCode.DateTime)
                    {
                        return r.ReadDateTime();
                    }

                    ExtensionResult ext = r.ReadExtensionFormat();
                    return new Extension(ext.TypeCode, ext.Data.ToArray());
                }

            default: throw new InvalidDataException($"Unknown type byte 0x{r.NextCode:x2}.");
        }
    }

    /// <summary>The one vector outside DateTime's range (year 0): read as the raw timestamp-96 extension MessagePack-CSharp hands over.</summary>
    private static Timestamp DecodeRawTimestamp(ref MessagePackReader r)
    {
        ExtensionResult ext = r.ReadExtensionFormat();
        Assert.Equal(ReservedMessagePackExtensionTypeCode.DateTime, ext.TypeCode);
        byte[] data = ext.Data.ToArray();
        Assert.Equal(12, data.Length);
        return new Timestamp(BinaryPrimitives.ReadInt64BigEndian(data.AsSpan(4)), BinaryPrimitives.ReadUInt32BigEndian(data));
    }

    private static bool SameValue(object? expected, object? actual)
    {
        switch (expected)
        {
            case BigInteger i when actual is double d:
                return double.IsFinite(d) && Math.Floor(d) == d && new BigInteger(d) == i;
            case double e when actual is BigInteger a:
                return e == (double)a;
            case Timestamp t when actual is DateTime dt:
                return t.AsDateTime == dt && dt.Kind == DateTimeKind.Utc;
            case byte[] b:
                return actual is byte[] a2 && b.AsSpan().SequenceEqual(a2);
            case List<object?> items:
                return actual is List<object?> other && items.Count == other.Count && items.Zip(other).All(p => SameValue(p.First, p.Second));
            case List<KeyValuePair<object?, object?>> map:
                return actual is List<KeyValuePair<object?, object?>> m && map.Count == m.Count
                    && map.Zip(m).All(p => SameValue(p.First.Key, p.Second.Key) && SameValue(p.First.Value, p.Second.Value));
            default:
                return Equals(expected, actual);
        }
    }

    private static Vector Find(string group, int index) => Vectors.Value.Single(v => v.Group == group && v.Index == index);

    internal static string ToHex(byte[] bytes) => string.Join('-', bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    internal static byte[] FromHex(string hex) =>
        hex.Length == 0 ? [] : hex.Split('-').Select(h => byte.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();

    private static List<Vector> LoadVectors()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "msgpack-test-suite.json");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        var result = new List<Vector>();
        foreach (JsonProperty group in doc.RootElement.EnumerateObject())
        {
            int i = 0;
            foreach (JsonElement entry in group.Value.EnumerateArray())
            {
                string[] forms = entry.GetProperty("msgpack").EnumerateArray().Select(f => f.GetString()!).ToArray();
                result.Add(new Vector(group.Name, i++, ExpectedValue(entry), forms));
            }
        }

        return result;
    }

    private static object? ExpectedValue(JsonElement entry)
    {
        if (entry.TryGetProperty("bignum", out JsonElement big))
        {
            return BigInteger.Parse(big.GetString()!, CultureInfo.InvariantCulture);
        }

        if (entry.TryGetProperty("nil", out _))
        {
            return null;
        }

        if (entry.TryGetProperty("bool", out JsonElement b))
        {
            return b.GetBoolean();
        }

        if (entry.TryGetProperty("binary", out JsonElement bin))
        {
            return FromHex(bin.GetString()!);
        }

        if (entry.TryGetProperty("timestamp", out JsonElement ts))
        {
            return new Timestamp(ts[0].GetInt64(), ts[1].GetUInt32());
        }

        if (entry.TryGetProperty("ext", out JsonElement ext))
        {
            return new Extension((sbyte)ext[0].GetInt32(), FromHex(ext[1].GetString()!));
        }

        foreach (string key in new[] { "number", "string", "array", "map" })
        {
            if (entry.TryGetProperty(key, out JsonElement value))
            {
                return FromJson(value);
            }
        }

        throw new InvalidDataException($"Unknown vector {entry}");
    }

    private static object? FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.TryGetInt64(out long l) ? new BigInteger(l) : e.GetDouble(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Array => e.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.Object => e.EnumerateObject().Select(p => new KeyValuePair<object?, object?>(p.Name, FromJson(p.Value))).ToList(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
