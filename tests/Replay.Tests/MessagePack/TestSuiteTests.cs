using System.Globalization;
using System.Numerics;
using System.Text.Json;
using RlFramework.Replay.MessagePack;

namespace RlFramework.Replay.Tests.MessagePack;

/// <summary>The kawanet/msgpack-test-suite vectors: every value encodes to a listed form, every listed form decodes to the value.</summary>
public class TestSuiteTests
{
    public sealed record Vector(string Group, int Index, MessagePackValue Expected, string[] Forms)
    {
        public override string ToString() => $"{Group}#{Index} {Expected}";
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
        byte[] encoded = v.Expected.ToBytes();
        string hex = ToHex(encoded);
        Assert.Contains(hex, v.Forms);
        if (v.Expected.Type != MessagePackType.Float)
        {
            // Smallest encoding of the same family (an integer is never written as a float), like the reference encoders.
            int smallest = v.Forms
                .Where(f => MessagePackValue.FromBytes(FromHex(f)).Type == v.Expected.Type)
                .Min(f => f.Length);
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
            MessagePackValue decoded = MessagePackValue.FromBytes(bytes);
            Assert.True(SameValue(v.Expected, decoded), $"{form} decoded to {decoded}, expected {v.Expected}");

            // Streaming reader over a stream with a tiny buffer reads the same value and ends exactly at the end.
            using var reader = new MessagePackReader(new MemoryStream(bytes), bufferSize: 16);
            MessagePackValue streamed = MessagePackValue.Read(reader);
            Assert.True(SameValue(v.Expected, streamed));
            Assert.Equal(bytes.Length, reader.Offset);
            Assert.True(reader.End);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryTruncatedFormIsRefusedWithOffset(string group, int index)
    {
        Vector v = Find(group, index);
        foreach (string form in v.Forms)
        {
            byte[] bytes = FromHex(form);
            for (int cut = 0; cut < bytes.Length; cut++)
            {
                byte[] prefix = bytes[..cut];
                var e = Assert.Throws<MessagePackFormatException>(() => MessagePackValue.FromBytes(prefix));
                Assert.InRange(e.Offset, 0, cut);
                Assert.Contains($"byte offset {e.Offset}", e.Message);
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
                byte[] bytes = FromHex(form + "-c3");
                using var reader = new MessagePackReader(bytes);
                reader.Skip();
                Assert.True(reader.ReadBoolean());
                Assert.True(reader.End);
            }
        }
    }

    internal static bool SameValue(MessagePackValue expected, MessagePackValue actual)
    {
        bool expectedNumber = expected.Type is MessagePackType.Integer or MessagePackType.Float;
        bool actualNumber = actual.Type is MessagePackType.Integer or MessagePackType.Float;
        if (expectedNumber && actualNumber)
        {
            if (expected.Type == MessagePackType.Float || actual.Type == MessagePackType.Float)
            {
                double a = actual.AsDouble();
                if (expected.Type == MessagePackType.Integer)
                {
                    return double.IsFinite(a) && Math.Floor(a) == a && new BigInteger(a) == ToBig(expected);
                }

                return expected.AsDouble() == a;
            }

            return ToBig(expected) == ToBig(actual);
        }

        if (expected.Type != actual.Type)
        {
            return false;
        }

        if (expected.Type == MessagePackType.Array)
        {
            IReadOnlyList<MessagePackValue> a = expected.AsArray(), b = actual.AsArray();
            return a.Count == b.Count && a.Zip(b).All(p => SameValue(p.First, p.Second));
        }

        if (expected.Type == MessagePackType.Map)
        {
            var a = expected.AsMap();
            var b = actual.AsMap();
            return a.Count == b.Count && a.Zip(b).All(p => SameValue(p.First.Key, p.Second.Key) && SameValue(p.First.Value, p.Second.Value));
        }

        return expected.Equals(actual);
    }

    private static BigInteger ToBig(MessagePackValue v) => v.IsNegativeInteger ? new BigInteger(v.AsInt64()) : new BigInteger(v.AsUInt64());

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

    private static MessagePackValue ExpectedValue(JsonElement entry)
    {
        if (entry.TryGetProperty("bignum", out JsonElement big))
        {
            BigInteger b = BigInteger.Parse(big.GetString()!, CultureInfo.InvariantCulture);
            return b.Sign < 0 ? MessagePackValue.FromInt64((long)b) : MessagePackValue.FromUInt64((ulong)b);
        }

        if (entry.TryGetProperty("nil", out _))
        {
            return MessagePackValue.Nil;
        }

        if (entry.TryGetProperty("bool", out JsonElement b2))
        {
            return MessagePackValue.FromBoolean(b2.GetBoolean());
        }

        if (entry.TryGetProperty("binary", out JsonElement bin))
        {
            return MessagePackValue.FromBinary(FromHex(bin.GetString()!));
        }

        if (entry.TryGetProperty("timestamp", out JsonElement ts))
        {
            return MessagePackValue.FromTimestamp(new MessagePackTimestamp(ts[0].GetInt64(), ts[1].GetUInt32()));
        }

        if (entry.TryGetProperty("ext", out JsonElement ext))
        {
            return MessagePackValue.FromExtension((sbyte)ext[0].GetInt32(), FromHex(ext[1].GetString()!));
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

    private static MessagePackValue FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.TryGetInt64(out long l) ? MessagePackValue.FromInt64(l) : MessagePackValue.FromDouble(e.GetDouble()),
        JsonValueKind.String => MessagePackValue.FromString(e.GetString()!),
        JsonValueKind.Array => MessagePackValue.FromArray(e.EnumerateArray().Select(FromJson)),
        JsonValueKind.Object => MessagePackValue.FromMap(e.EnumerateObject().Select(p =>
            new KeyValuePair<MessagePackValue, MessagePackValue>(MessagePackValue.FromString(p.Name), FromJson(p.Value)))),
        JsonValueKind.True => MessagePackValue.FromBoolean(true),
        JsonValueKind.False => MessagePackValue.FromBoolean(false),
        _ => MessagePackValue.Nil,
    };
}
