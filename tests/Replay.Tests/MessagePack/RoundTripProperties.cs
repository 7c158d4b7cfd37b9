using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RlFramework.Replay.MessagePack;

namespace RlFramework.Replay.Tests.MessagePack;

/// <summary>Property tests: any value tree survives encode → decode, and the streaming reader agrees with the tree reader.</summary>
public class RoundTripProperties
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private static Gen<MessagePackValue> Scalar()
    {
        Gen<string> text = ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && IsValidUtf16(s));
        return Gen.OneOf(
            Gen.Constant(MessagePackValue.Nil),
            ArbMap.Default.GeneratorFor<bool>().Select(MessagePackValue.FromBoolean),
            ArbMap.Default.GeneratorFor<long>().Select(MessagePackValue.FromInt64),
            ArbMap.Default.GeneratorFor<int>().Select(i => MessagePackValue.FromInt64(i)),
            ArbMap.Default.GeneratorFor<ulong>().Select(MessagePackValue.FromUInt64),
            ArbMap.Default.GeneratorFor<double>().Select(MessagePackValue.FromDouble),
            ArbMap.Default.GeneratorFor<float>().Select(MessagePackValue.FromSingle),
            text.Select(MessagePackValue.FromString),
            ArbMap.Default.GeneratorFor<byte[]>().Select(b => MessagePackValue.FromBinary(b ?? [])),
            ArbMap.Default.GeneratorFor<byte[]>().Select(b => MessagePackValue.FromExtension((sbyte)((b?.Length ?? 0) % 100), b ?? [])),
            ArbMap.Default.GeneratorFor<long>().Select(s => MessagePackValue.FromTimestamp(new MessagePackTimestamp(s, (uint)(Math.Abs(s % 1_000_000_000))))));
    }

    private static Gen<MessagePackValue> Tree(int depth)
    {
        if (depth == 0)
        {
            return Scalar();
        }

        Gen<MessagePackValue> child = Tree(depth - 1);
        Gen<MessagePackValue> array = child.ArrayOf().Select(items => MessagePackValue.FromArray(items));
        Gen<MessagePackValue> map = child.SelectMany(k => child, (k, v) => new KeyValuePair<MessagePackValue, MessagePackValue>(k, v))
            .ArrayOf()
            .Select(entries => MessagePackValue.FromMap(entries));
        return Gen.Frequency((3, Scalar()), (1, array), (1, map));
    }

    private static bool IsValidUtf16(string s)
    {
        try
        {
            StrictUtf8.GetByteCount(s);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    [Property(MaxTest = 300)]
    public Property AnyValueRoundTrips() => Prop.ForAll(Arb.From(Tree(3)), value =>
    {
        byte[] bytes = value.ToBytes();
        MessagePackValue back = MessagePackValue.FromBytes(bytes);
        Assert.Equal(value, back);
        Assert.Equal(bytes, back.ToBytes());

        // Streaming with a tiny buffer, and skipping, consume exactly the same bytes.
        using var reader = new MessagePackReader(new MemoryStream(bytes), bufferSize: 16);
        Assert.Equal(value, MessagePackValue.Read(reader));
        Assert.True(reader.End);
        using var skipper = new MessagePackReader(bytes);
        skipper.Skip();
        Assert.Equal(bytes.Length, skipper.Offset);
    });

    [Property(MaxTest = 300)]
    public void IntegersUseTheSmallestForm(long value)
    {
        int size = MessagePackValue.FromInt64(value).ToBytes().Length;
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
    public void TypedArraysRoundTrip(float[] floats, int[] ints, double[] doubles, bool[] flags)
    {
        floats ??= [];
        ints ??= [];
        doubles ??= [];
        flags ??= [];
        using var ms = new MemoryStream();
        using (var w = new MessagePackWriter(ms, leaveOpen: true, bufferSize: 32))
        {
            w.WriteLittleEndianArray<float>(floats);
            w.WriteLittleEndianArray<int>(ints);
            w.WriteLittleEndianArray<double>(doubles);
            w.WriteLittleEndianArray<bool>(flags);
        }

        ms.Position = 0;
        using var r = new MessagePackReader(ms, bufferSize: 16);
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
}
