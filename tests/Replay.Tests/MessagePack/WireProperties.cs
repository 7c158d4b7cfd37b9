using System.Buffers;
using FsCheck.Xunit;
using MessagePack;
using RlFramework.Replay.Files;

namespace RlFramework.Replay.Tests.MessagePack;

/// <summary>The parts of the wire format our files rely on, on MessagePack-CSharp: smallest integers, raw little-endian arrays, strict strings.</summary>
public class WireProperties
{
    [Property(MaxTest = 300)]
    public void IntegersUseTheSmallestForm(long value)
    {
        int size = TestSuiteTests.Encode(new System.Numerics.BigInteger(value)).Length;
        int expected = value switch
        {
            >= -32 and <= 127 => 1,
            >= sbyte.MinValue and <= byte.MaxValue => 2,
            >= short.MinValue and <= ushort.MaxValue => 3,
            >= int.MinValue and <= uint.MaxValue => 5,
            _ => 9,
        };
        Assert.Equal(expected, size);
    }

    [Property(MaxTest = 200)]
    public void TypedArraysRoundTripThroughASmallStreamBuffer(float[] floats, int[] ints, double[] doubles, bool[] flags)
    {
        floats ??= [];
        ints ??= [];
        doubles ??= [];
        flags ??= [];
        using var ms = new MemoryStream();
        var sink = new StreamBufferWriter(ms, bufferSize: 32);
        var w = new MessagePackWriter(sink);
        w.WriteLittleEndianArray<float>(floats);
        w.WriteLittleEndianArray<int>(ints);
        w.WriteLittleEndianArray<double>(doubles);
        w.WriteLittleEndianArray<bool>(flags);
        w.Flush();
        sink.Flush();

        byte[] bytes = ms.ToArray();
        Assert.Equal(0xc4, bytes[0] & 0xfc); // a bin8/16/32 header, not a MessagePack array
        var r = new MessagePackReader(bytes);
        var f = new float[floats.Length];
        var i = new int[ints.Length];
        var d = new double[doubles.Length];
        var b = new bool[flags.Length];
        r.ReadLittleEndianArray<float>(f);
        r.ReadLittleEndianArray<int>(i);
        r.ReadLittleEndianArray<double>(d);
        r.ReadLittleEndianArray<bool>(b);
        Assert.Equal(floats, f);
        Assert.Equal(ints, i);
        Assert.Equal(doubles, d);
        Assert.Equal(flags, b);
        Assert.True(r.End);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(65535)]
    [InlineData(65536)]
    [InlineData(200_003)]
    public void StreamedArraysAreTheBytesMessagePackCSharpWritesForABin(int length)
    {
        byte[] payload = new byte[length];
        new Random(length).NextBytes(payload);
        var library = new ArrayBufferWriter<byte>();
        var expected = new MessagePackWriter(library);
        expected.Write(payload.AsSpan());
        expected.Flush();

        using var ms = new MemoryStream();
        var sink = new StreamBufferWriter(ms, bufferSize: 4096);
        var w = new MessagePackWriter(sink);
        w.WriteLittleEndianArray<byte>(payload);
        w.Flush();
        sink.Flush();
        Assert.Equal(library.WrittenSpan.ToArray(), ms.ToArray());
    }

    [Fact]
    public void ArrayOfTheWrongLengthOrTypeIsRefusedWithItsOffset()
    {
        // true, then a 4-byte bin where two int32 (8 bytes) are expected.
        var e = Assert.Throws<MessagePackSerializationException>(() => ReadTwoInts(TestSuiteTests.FromHex("c3-c4-04-01-00-00-00"), afterBoolean: true));
        Assert.Contains("byte offset 1", e.Message);
        Assert.Contains("8 bytes", e.Message);
        var e2 = Assert.Throws<MessagePackSerializationException>(() => ReadTwoInts(TestSuiteTests.FromHex("c3"), afterBoolean: false));
        Assert.Contains("expected binary data", e2.Message);
        var e3 = Assert.Throws<MessagePackSerializationException>(() =>
        {
            var reader = new MessagePackReader(TestSuiteTests.FromHex("c4-02-01-02"));
            reader.ReadLittleEndianArray<bool>(new bool[2]);
        });
        Assert.Contains("byte value 2", e3.Message);
    }

    [Fact]
    public void StrictStringsRefuseALoneSurrogateAndWriteTheSameBytesOtherwise()
    {
        foreach (string text in new[] { "", "run", "é—🎲", new string('x', 300) })
        {
            var strict = new ArrayBufferWriter<byte>();
            var w = new MessagePackWriter(strict);
            w.WriteStrict(text);
            w.Flush();
            Assert.Equal(TestSuiteTests.Encode(text), strict.WrittenSpan.ToArray());
        }

        var e = Assert.Throws<ArgumentException>(() =>
        {
            var w = new MessagePackWriter(new ArrayBufferWriter<byte>());
            w.WriteStrict("a\ud800b");
        });
        Assert.Contains("UTF-8", e.Message);
    }

    private static void ReadTwoInts(byte[] bytes, bool afterBoolean)
    {
        var r = new MessagePackReader(bytes);
        if (afterBoolean)
        {
            r.ReadBoolean();
        }

        r.ReadLittleEndianArray<int>(new int[2]);
    }
}
