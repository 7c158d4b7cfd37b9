using System.Buffers;
using MessagePack;
using RlFramework.Replay.Episodes;

namespace RlFramework.Replay.Tests.Episodes;

/// <summary>Episode files with each episode LZ4-compressed (MessagePack-CSharp's Lz4BlockArray).</summary>
public class CompressionTests
{
    /// <summary>An 8×8 RGB clip of <paramref name="length"/> steps: a square moving over a grey background.</summary>
    internal static Episode<int> Pixels(int label, int length)
    {
        static float[] Frame(int t)
        {
            var frame = new float[8 * 8 * 3];
            Array.Fill(frame, 128f);
            for (int y = 2; y < 5; y++)
            {
                for (int x = t % 6; x < t % 6 + 3; x++)
                {
                    frame[((y * 8) + x) * 3] = 255f;
                }
            }

            return frame;
        }

        var episode = new Episode<int>(Frame(0));
        for (int t = 1; t <= length; t++)
        {
            episode.AddStep(0, Frame(t), 0f, t == length, false, t == length ? new Dictionary<string, InfoValue> { ["label"] = label } : null);
        }

        episode.Labels["label"] = label.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return episode;
    }

    [Fact]
    public void CompressedFileReadsBackTheSameEpisodesAndIsSmaller()
    {
        using var dir = new TempDir();
        Episode<int>[] episodes = [Pixels(1, 40), Pixels(0, 3), EpisodeFileTests.Sample(2, 4)];
        string plain = Write(dir.File("plain.msgpack"), false, episodes.Take(2));
        string lz4 = Write(dir.File("lz4.msgpack"), true, episodes.Take(2));
        Assert.InRange(new FileInfo(lz4).Length, 1, new FileInfo(plain).Length / 4);

        using var reader = new EpisodeReader(lz4);
        Assert.Equal("1", reader.Metadata["run"]);
        List<Episode<int>> read = reader.ReadAll<int>();
        Assert.Equal(2, read.Count);
        for (int i = 0; i < read.Count; i++)
        {
            Assert.Equal(episodes[i].Observations, read[i].Observations);
            Assert.Equal(episodes[i].Labels, read[i].Labels);
            Assert.Equal(episodes[i].Infos[^1]["label"], read[i].Infos[^1]["label"]);
        }

        // Float observations with infos of every kind too.
        string floats = dir.File("floats.msgpack");
        using (var w = new EpisodeWriter(floats, compress: true))
        {
            w.Write(episodes[2]);
        }

        using var r2 = new EpisodeReader(floats);
        Episode<int> back = Assert.Single(r2.ReadAll<int>());
        Assert.Equal(episodes[2].Observations, back.Observations);
        Assert.Equal(episodes[2].Infos.Select(i => i.ToArray()), back.Infos.Select(i => i.ToArray()));
    }

    [Fact]
    public void EachCompressedEpisodeIsTheDocumentedBlockArrayOfThePlainEpisodeBytes()
    {
        using var dir = new TempDir();
        Episode<int>[] episodes = [Pixels(1, 60), Pixels(2, 7)];
        byte[] plain = File.ReadAllBytes(Write(dir.File("plain.msgpack"), false, episodes));
        byte[] lz4 = File.ReadAllBytes(Write(dir.File("lz4.msgpack"), true, episodes));

        var p = new MessagePackReader(plain);
        p.Skip(); // header
        var c = new MessagePackReader(lz4);
        Assert.Equal(4, c.ReadMapHeader()); // format, version, metadata, compression
        c.Skip();
        c.Skip();
        c.Skip();
        c.Skip();
        c.Skip();
        c.Skip();
        Assert.Equal("compression", c.ReadString());
        Assert.Equal(EpisodeFile.Lz4, c.ReadString());
        for (int i = 0; i < episodes.Length; i++)
        {
            long start = p.Consumed;
            p.Skip();
            byte[] expected = plain[(int)start..(int)p.Consumed];

            // [ext 98 (chunk lengths as MessagePack ints), bin32, bin32, ...]
            int items = c.ReadArrayHeader();
            ExtensionResult ext = c.ReadExtensionFormat();
            Assert.Equal(98, ext.TypeCode);
            var lengthReader = new MessagePackReader(ext.Data);
            var lengths = new List<int>();
            while (!lengthReader.End)
            {
                lengths.Add(lengthReader.ReadInt32());
            }

            Assert.Equal(items - 1, lengths.Count);
            Assert.Equal(expected.Length, lengths.Sum());
            var decompressed = new List<byte>();
            foreach (int length in lengths)
            {
                Assert.Equal(MessagePackCode.Bin32, c.NextCode);
                byte[] chunk = c.ReadBytes()!.Value.ToArray();
                Assert.True(chunk.Length < length, $"chunk of {length} bytes compressed to {chunk.Length}");
                decompressed.AddRange(Lz4BlockDecode(chunk, length));
            }

            Assert.Equal(expected, decompressed);
        }

        // The end marker is written as it is.
        Assert.Equal(plain[(int)p.Consumed..], lz4[(int)c.Consumed..]);
    }

    [Fact]
    public void ACorruptCompressedByteIsRefused()
    {
        using var dir = new TempDir();
        string path = Write(dir.File("lz4.msgpack"), true, [Pixels(1, 20)]);
        byte[] good = File.ReadAllBytes(path);
        int headerLength = HeaderLength(good);
        foreach (int at in new[] { headerLength + 1, headerLength + 12, good.Length / 2, good.Length - 25 })
        {
            byte[] bad = (byte[])good.Clone();
            bad[at] ^= 0x5a;
            File.WriteAllBytes(path, bad);
            var e = Assert.Throws<InvalidDataException>(() =>
            {
                using var reader = new EpisodeReader(path);
                reader.ReadAll<int>();
            });
            Assert.Contains("episode 0", e.Message);
        }
    }

    private static int HeaderLength(byte[] file)
    {
        var r = new MessagePackReader(file);
        r.Skip();
        return (int)r.Consumed;
    }

    /// <summary>An independent LZ4 block decoder (the LZ4 block format spec), so the test does not only trust the codec that wrote the data.</summary>
    private static byte[] Lz4BlockDecode(byte[] source, int length)
    {
        var output = new byte[length];
        int s = 0, d = 0;
        while (true)
        {
            int token = source[s++];
            int literals = token >> 4;
            if (literals == 15)
            {
                int b;
                do
                {
                    b = source[s++];
                    literals += b;
                }
                while (b == 255);
            }

            Array.Copy(source, s, output, d, literals);
            s += literals;
            d += literals;
            if (s == source.Length)
            {
                break; // the last sequence has literals only
            }

            int offset = source[s] | (source[s + 1] << 8);
            s += 2;
            int match = (token & 15) + 4;
            if ((token & 15) == 15)
            {
                int b;
                do
                {
                    b = source[s++];
                    match += b;
                }
                while (b == 255);
            }

            for (int k = 0; k < match; k++, d++)
            {
                output[d] = output[d - offset];
            }
        }

        Assert.Equal(length, d);
        return output;
    }

    private static string Write(string path, bool compress, IEnumerable<Episode<int>> episodes)
    {
        using var writer = new EpisodeWriter(path, new Dictionary<string, string> { ["run"] = "1" }, byteObservations: true, compress: compress);
        foreach (Episode<int> episode in episodes)
        {
            writer.Write(episode);
        }

        return path;
    }
}
