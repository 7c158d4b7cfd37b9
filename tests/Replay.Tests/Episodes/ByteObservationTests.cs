using RlFramework.Replay.Episodes;

namespace RlFramework.Replay.Tests.Episodes;

public class ByteObservationTests
{
    private static Episode<int> Pixels(int length)
    {
        var ep = new Episode<int>([0f, 255f, 17f]);
        for (int t = 1; t <= length; t++) ep.AddStep(0, [t, 255 - t, 100], 0f, t == length, false);
        ep.Labels["label"] = "3";
        return ep;
    }

    [Fact]
    public void ByteObservationsRoundTripAsFloatsInAQuarterOfTheSpace()
    {
        using var dir = new TempDir();
        string bytes = dir.File("bytes.msgpack"), floats = dir.File("floats.msgpack");
        var written = Pixels(200);
        using (var w = new EpisodeWriter(bytes, byteObservations: true)) w.Write(written);
        using (var w = new EpisodeWriter(floats)) w.Write(written);
        using var reader = new EpisodeReader(bytes);
        var read = Assert.Single(reader.ReadAll<int>());
        Assert.Equal(written.Observations, read.Observations);
        Assert.Equal("3", read.Labels["label"]);
        long saved = new FileInfo(floats).Length - new FileInfo(bytes).Length;
        Assert.Equal(3 * written.Observations.Count, saved); // 4 bytes → 1 byte per value
        Assert.True(File.ReadAllBytes(bytes).AsSpan().IndexOf(new byte[] { 0xa3, (byte)'|', (byte)'u', (byte)'1' }) >= 0, "the observation dtype is written as \"|u1\"");
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(256f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    public void AValueThatIsNotAByteIsRefusedWithTheValue(float value)
    {
        using var dir = new TempDir();
        var ep = new Episode<int>([1f, value]);
        using var w = new EpisodeWriter(dir.File("bad.msgpack"), byteObservations: true);
        var e = Assert.Throws<ArgumentException>(() => w.Write(ep));
        Assert.Contains($"is {value}", e.Message);
        Assert.Contains("integers in [0, 255]", e.Message);
    }
}
