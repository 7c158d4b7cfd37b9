using System.Text;
using RlFramework.Replay.MessagePack;

namespace RlFramework.Replay.Tests.MessagePack;

public class CodecTests
{
    [Theory]
    [InlineData("c1", 0)]          // never-used type byte
    [InlineData("92-01-c1", 2)]    // inside an array
    [InlineData("81-a1-61-c1", 3)] // inside a map value
    public void InvalidTypeByteIsRefusedAtItsOffset(string hex, long offset)
    {
        var e = Assert.Throws<MessagePackFormatException>(() => MessagePackValue.FromBytes(TestSuiteTests.FromHex(hex)));
        Assert.Equal(offset, e.Offset);
        Assert.Contains("0xc1", e.Message);
    }

    [Fact]
    public void InvalidUtf8IsRefused()
    {
        var e = Assert.Throws<MessagePackFormatException>(() => MessagePackValue.FromBytes(TestSuiteTests.FromHex("91-a2-c3-28")));
        Assert.Equal(1, e.Offset);
        Assert.Contains("UTF-8", e.Message);
    }

    [Fact]
    public void TrailingBytesAreRefused()
    {
        var e = Assert.Throws<MessagePackFormatException>(() => MessagePackValue.FromBytes(TestSuiteTests.FromHex("01-02")));
        Assert.Equal(1, e.Offset);
    }

    [Fact]
    public void LengthBeyondTheDataIsRefusedBeforeAllocating()
    {
        // bin32 declaring 4 GB - 1 bytes with 1 byte present.
        var e = Assert.Throws<MessagePackFormatException>(() => MessagePackValue.FromBytes(TestSuiteTests.FromHex("c6-7f-ff-ff-ff-00")));
        Assert.Equal(0, e.Offset);
        Assert.Contains("2147483647", e.Message);
    }

    [Fact]
    public void TypeMismatchNamesBothTypes()
    {
        using var reader = new MessagePackReader(TestSuiteTests.FromHex("c3-a1-61"));
        reader.ReadBoolean();
        var e = Assert.Throws<MessagePackFormatException>(() => reader.ReadInt64());
        Assert.Equal(1, e.Offset);
        Assert.Contains("expected an integer", e.Message);
        Assert.Contains("String", e.Message);
    }

    [Fact]
    public void IntegerRangeChecks()
    {
        using var r1 = new MessagePackReader(TestSuiteTests.FromHex("cf-ff-ff-ff-ff-ff-ff-ff-ff"));
        Assert.Throws<MessagePackFormatException>(() => r1.ReadInt64());
        using var r2 = new MessagePackReader(TestSuiteTests.FromHex("ff"));
        Assert.Throws<MessagePackFormatException>(() => r2.ReadUInt64());
        using var r3 = new MessagePackReader(TestSuiteTests.FromHex("ce-80-00-00-00"));
        Assert.Throws<MessagePackFormatException>(() => r3.ReadInt32());
    }

    [Theory]
    [InlineData(0, "00")]
    [InlineData(-32, "e0")]
    [InlineData(-33, "d0-df")]
    [InlineData(127, "7f")]
    [InlineData(128, "cc-80")]
    [InlineData(-129, "d1-ff-7f")]
    [InlineData(65536, "ce-00-01-00-00")]
    [InlineData(long.MinValue, "d3-80-00-00-00-00-00-00-00")]
    public void SmallestIntegerEncodings(long value, string hex)
    {
        Assert.Equal(hex, TestSuiteTests.ToHex(MessagePackValue.FromInt64(value).ToBytes()));
    }

    [Theory]
    [InlineData(31, "bf")]
    [InlineData(32, "d9-20")]
    [InlineData(255, "d9-ff")]
    [InlineData(256, "da-01-00")]
    [InlineData(65536, "db-00-01-00-00")]
    public void StringHeaders(int length, string header)
    {
        byte[] bytes = MessagePackValue.FromString(new string('x', length)).ToBytes();
        Assert.StartsWith(header, TestSuiteTests.ToHex(bytes[..((header.Length + 1) / 3)]));
        Assert.Equal(new string('x', length), MessagePackValue.FromBytes(bytes).AsString());
    }

    [Theory]
    [InlineData(255, "c4-ff")]
    [InlineData(256, "c5-01-00")]
    [InlineData(70000, "c6-00-01-11-70")]
    public void BinaryHeaders(int length, string header)
    {
        byte[] payload = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        byte[] bytes = MessagePackValue.FromBinary(payload).ToBytes();
        Assert.Equal(header, TestSuiteTests.ToHex(bytes[..((header.Length + 1) / 3)]));
        Assert.Equal(payload, MessagePackValue.FromBytes(bytes).AsBinary().ToArray());
    }

    [Theory]
    [InlineData(15, "9f", "8f")]
    [InlineData(16, "dc-00-10", "de-00-10")]
    [InlineData(65536, "dd-00-01-00-00", "df-00-01-00-00")]
    public void CollectionHeaders(int count, string arrayHeader, string mapHeader)
    {
        byte[] a = MessagePackValue.FromArray(Enumerable.Range(0, count).Select(_ => MessagePackValue.Nil)).ToBytes();
        Assert.StartsWith(arrayHeader, TestSuiteTests.ToHex(a[..8]));
        Assert.Equal(count, MessagePackValue.FromBytes(a).AsArray().Count);
        byte[] m = MessagePackValue.FromMap(Enumerable.Range(0, count).Select(i =>
            new KeyValuePair<MessagePackValue, MessagePackValue>(MessagePackValue.FromInt64(i), MessagePackValue.Nil))).ToBytes();
        Assert.StartsWith(mapHeader, TestSuiteTests.ToHex(m[..8]));
        Assert.Equal(count, MessagePackValue.FromBytes(m).AsMap().Count);
    }

    [Fact]
    public void Float32ArrayIsRawLittleEndianBin()
    {
        float[] values = [1f, -2.5f, float.NaN, float.PositiveInfinity];
        using var ms = new MemoryStream();
        using (var w = new MessagePackWriter(ms, leaveOpen: true))
        {
            w.WriteLittleEndianArray<float>(values);
        }

        byte[] bytes = ms.ToArray();
        Assert.Equal("c4-10-00-00-80-3f-00-00-20-c0", TestSuiteTests.ToHex(bytes[..10]));
        var back = new float[4];
        using var r = new MessagePackReader(bytes);
        r.ReadLittleEndianArray<float>(back);
        Assert.Equal(values, back);
    }

    [Fact]
    public void TypedArrayLengthMismatchIsRefused()
    {
        using var ms = new MemoryStream();
        using (var w = new MessagePackWriter(ms, leaveOpen: true))
        {
            w.WriteLittleEndianArray<int>([1, 2, 3]);
        }

        using var r = new MessagePackReader(ms.ToArray());
        var e = Assert.Throws<MessagePackFormatException>(() => r.ReadLittleEndianArray<int>(new int[4]));
        Assert.Contains("12 bytes", e.Message);
        Assert.Contains("16 bytes", e.Message);
    }

    [Fact]
    public void LargeValuesCrossTheInternalBuffers()
    {
        string s = string.Concat(Enumerable.Repeat("héllo wörld ❤ ", 20_000));
        var value = MessagePackValue.FromArray([MessagePackValue.FromString(s), MessagePackValue.FromBinary(Encoding.UTF8.GetBytes(s)), MessagePackValue.FromInt64(-5)]);
        using var ms = new MemoryStream();
        using (var w = new MessagePackWriter(ms, leaveOpen: true, bufferSize: 16))
        {
            value.WriteTo(w);
            Assert.Equal(w.BytesWritten, value.ToBytes().Length);
        }

        ms.Position = 0;
        using var r = new MessagePackReader(ms, bufferSize: 16);
        Assert.Equal(value, MessagePackValue.Read(r));
    }

    [Fact]
    public void TimestampConvertsToDateTimeOffset()
    {
        var t = MessagePackTimestamp.FromDateTimeOffset(new DateTimeOffset(1969, 12, 31, 23, 59, 59, 500, TimeSpan.Zero));
        Assert.Equal(-1, t.Seconds);
        Assert.Equal(500_000_000u, t.Nanoseconds);
        Assert.Equal(new DateTimeOffset(1969, 12, 31, 23, 59, 59, 500, TimeSpan.Zero), t.ToDateTimeOffset());
        Assert.Throws<ArgumentOutOfRangeException>(() => new MessagePackTimestamp(0, 1_000_000_000));
    }
}
