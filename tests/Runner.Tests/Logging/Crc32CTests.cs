using System.Text;
using RlFramework.Runner.Logging;

namespace RlFramework.Runner.Tests.Logging;

public class Crc32CTests
{
    /// <summary>Bit-at-a-time CRC-32C straight from the definition (reflected polynomial 0x82F63B78), independent of the production code.</summary>
    internal static uint Reference(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        return ~crc;
    }

    [Fact]
    public void MatchesTheStandardCheckValue()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(0xE3069283u, Reference("123456789"u8));
        Assert.Equal(0u, Crc32C.Compute([]));
    }

    [Fact]
    public void MatchesTheBitwiseDefinitionOnEveryLengthAndCanBeContinued()
    {
        var random = new Random(7);
        for (int length = 0; length < 70; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            uint whole = Crc32C.Compute(data);
            Assert.Equal(Reference(data), whole);
            int cut = length / 3;
            Assert.Equal(whole, Crc32C.Append(Crc32C.Compute(data.AsSpan(0, cut)), data.AsSpan(cut)));
        }
    }

    [Fact]
    public void MaskRotatesRightBy15AndAddsTheConstant()
    {
        Assert.Equal(0xa282ead8u, Crc32C.Mask(0));
        Assert.Equal(unchecked(0x00020000u + 0xa282ead8u), Crc32C.Mask(1));
        Assert.Equal(unchecked(0x00000001u + 0xa282ead8u), Crc32C.Mask(1u << 15));
        Assert.Equal(Crc32C.Mask(Crc32C.Compute(Encoding.ASCII.GetBytes("tfrecord"))), Crc32C.Masked(Encoding.ASCII.GetBytes("tfrecord")));
    }
}
