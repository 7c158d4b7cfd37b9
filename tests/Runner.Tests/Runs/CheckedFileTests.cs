using System.Buffers.Binary;
using System.Text;
using RlFramework.Runner.Runs;
using RlFramework.Runner.Tests.Logging;

namespace RlFramework.Runner.Tests.Runs;

public class CheckedFileTests
{
    private static byte[] Payload(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(200_000)]
    public void PayloadsRoundTripInTheDocumentedLayout(int length)
    {
        using var folder = new TempDir();
        var path = folder.File("ckpt.bin");
        var payload = Payload(length);
        CheckedFile.WriteAllBytes(path, payload);
        Assert.Equal(payload, CheckedFile.ReadAllBytes(path));

        var raw = File.ReadAllBytes(path);
        Assert.Equal("RLCHECK1", Encoding.ASCII.GetString(raw, 0, 8));
        Assert.Equal((ulong)length, BinaryPrimitives.ReadUInt64LittleEndian(raw.AsSpan(8)));
        Assert.Equal(payload, raw[16..^4]);
        Assert.Equal(Crc32CTests.Reference(payload), BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(raw.Length - 4)));
    }

    [Fact]
    public void ACorruptTruncatedOrForeignFileIsRefusedByNameAndReason()
    {
        using var folder = new TempDir();
        var path = folder.File("ckpt.bin");
        CheckedFile.WriteAllBytes(path, Payload(1000));
        var good = File.ReadAllBytes(path);

        var flipped = (byte[])good.Clone();
        flipped[500] ^= 0x10;
        File.WriteAllBytes(path, flipped);
        var corrupt = Assert.Throws<InvalidDataException>(() => CheckedFile.ReadAllBytes(path));
        Assert.StartsWith($"'{path}' is corrupt: its content has CRC-32C", corrupt.Message);

        File.WriteAllBytes(path, good[..^10]);
        var cut = Assert.Throws<InvalidDataException>(() => CheckedFile.ReadAllBytes(path));
        Assert.Equal($"'{path}' is truncated: its header announces 1000 payload bytes but only 990 are there.", cut.Message);

        File.WriteAllBytes(path, good[..12]);
        Assert.Contains("is truncated: 12 bytes", Assert.Throws<InvalidDataException>(() => CheckedFile.ReadAllBytes(path)).Message);

        File.WriteAllBytes(path, [.. good, 0]);
        Assert.Contains("trailing data", Assert.Throws<InvalidDataException>(() => CheckedFile.ReadAllBytes(path)).Message);

        File.WriteAllText(path, "{\"json\": true}");
        var foreign = Assert.Throws<InvalidDataException>(() => CheckedFile.ReadAllBytes(path));
        Assert.Contains("is not an RlFramework checked file: it starts with \"{\"json\":\" (14 bytes)", foreign.Message);
    }
}
