using RlFramework.Replay.Episodes;

namespace RlFramework.Replay.Tests.Episodes;

public class EpisodeFileTests
{
    internal static Episode<int> Sample(int tag, int length, bool truncated = false)
    {
        var ep = new Episode<int>([tag, 0.5f, -1f, 2f]);
        for (int t = 1; t <= length; t++)
        {
            var info = new Dictionary<string, InfoValue>
            {
                ["step"] = t,
                ["x"] = t * 0.25,
                ["ok"] = t % 2 == 0,
                ["phase"] = t < 3 ? "start" : "run",
            };
            if (t == 2)
            {
                info["missing"] = InfoValue.None;
            }

            bool last = t == length;
            ep.AddStep(t % 2, [tag, t, t * 0.1f, -t], 1f + tag, last && !truncated, last && truncated, info);
        }

        ep.Labels["env"] = "CartPole-v1";
        ep.Labels["tag"] = tag.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ep;
    }

    [Fact]
    public void EpisodesRoundTrip()
    {
        using var dir = new TempDir();
        string path = dir.File("eps.msgpack");
        Episode<int>[] written = [Sample(1, 5), Sample(2, 1, truncated: true), Sample(3, 0)];
        using (var w = new EpisodeWriter(path, new Dictionary<string, string> { ["run"] = "abc", ["seed"] = "7" }))
        {
            foreach (Episode<int> e in written)
            {
                w.Write(e);
            }

            Assert.False(File.Exists(path)); // appears only on commit
        }

        Assert.Single(Directory.GetFiles(dir.Path));
        using var r = new EpisodeReader(path);
        Assert.Equal("abc", r.Metadata["run"]);
        List<Episode<int>> read = r.ReadAll<int>();
        Assert.Equal(3, read.Count);
        for (int i = 0; i < 3; i++)
        {
            Episode<int> a = written[i], b = read[i];
            Assert.Equal(a.Length, b.Length);
            Assert.Equal(a.Observations, b.Observations);
            Assert.Equal(a.Actions, b.Actions);
            Assert.Equal(a.Rewards, b.Rewards);
            Assert.Equal(a.Terminated, b.Terminated);
            Assert.Equal(a.Truncated, b.Truncated);
            Assert.Equal(a.Labels, b.Labels);
            for (int t = 0; t < a.Length; t++)
            {
                Assert.Equal(a.Infos[t], b.Infos[t]);
            }
        }

        Assert.Equal(InfoValueKind.None, read[0].Infos[1]["missing"].Kind);
        Assert.Equal("run", read[0].Infos[4]["phase"].AsString());
        Assert.Null(r.Read<int>());
    }

    [Fact]
    public void ContinuousActionsAndDTypeMismatch()
    {
        using var dir = new TempDir();
        string path = dir.File("c.msgpack");
        var ep = new Episode<float>([0f, 1f], actionSize: 2);
        ep.AddStep([0.5f, -0.5f], [1f, 2f], 0.1f, false, true);
        using (var w = new EpisodeWriter(path))
        {
            w.Write(ep);
        }

        using (var r = new EpisodeReader(path))
        {
            Episode<float> back = r.Read<float>()!;
            Assert.Equal(new[] { 0.5f, -0.5f }, back.Actions);
            Assert.Equal(new[] { 1f, 2f }, back.ObservationAt(1).ToArray());
        }

        using var r2 = new EpisodeReader(path);
        var e = Assert.Throws<InvalidDataException>(() => r2.Read<int>());
        Assert.Contains("<f4", e.Message);
    }

    [Fact]
    public void TruncatedAndCorruptFilesAreRefused()
    {
        using var dir = new TempDir();
        string path = dir.File("t.msgpack");
        using (var w = new EpisodeWriter(path))
        {
            w.Write(Sample(1, 4));
            w.Write(Sample(2, 3));
        }

        byte[] full = File.ReadAllBytes(path);

        // Cut anywhere: header, inside an episode, exactly between episodes, just before the end marker.
        // The end marker {"end_of_episodes": 1} takes 18 bytes, so a one-episode file minus 18 is where episode 0 ends.
        string one = dir.File("one.msgpack");
        using (var w = new EpisodeWriter(one))
        {
            w.Write(Sample(1, 4));
        }

        int firstEnd = (int)new FileInfo(one).Length - 18;
        Assert.Equal(full[..firstEnd], File.ReadAllBytes(one)[..firstEnd]);

        foreach (int keep in new[] { 5, 40, full.Length / 2, firstEnd, full.Length - 3 })
        {
            File.WriteAllBytes(path, full[..keep]);
            Assert.Throws<InvalidDataException>(() =>
            {
                using var r = new EpisodeReader(path);
                r.ReadAll<int>();
            });
        }

        // Flip a byte inside the first episode's float data: the CRC catches it.
        byte[] bad = (byte[])full.Clone();
        int at = firstEnd - 60;
        bad[at] ^= 0x01;
        File.WriteAllBytes(path, bad);
        using var rr = new EpisodeReader(path);
        var e = Assert.Throws<InvalidDataException>(() => rr.ReadAll<int>());
        Assert.Contains("episode 0", e.Message);
    }

    [Fact]
    public void InconsistentEpisodeIsRefusedBeforeWriting()
    {
        var broken = Sample(1, 3);
        broken.Rewards.Add(1f); // arrays now disagree
        using var dir = new TempDir();
        using var w = new EpisodeWriter(dir.File("x.msgpack"));
        var e = Assert.Throws<InvalidOperationException>(() => w.Write(broken));
        Assert.Contains("4 rewards", e.Message);
    }

    [Fact]
    public void FailedWriteKeepsThePreviousFileAndLeavesNoTemp()
    {
        using var dir = new TempDir();
        string path = dir.File("f.msgpack");
        using (var w = new EpisodeWriter(path))
        {
            w.Write(Sample(1, 2));
        }

        byte[] before = File.ReadAllBytes(path);
        var bad = Sample(2, 2);
        bad.Labels["note"] = "\ud800"; // lone surrogate: not encodable as UTF-8
        using (var w = new EpisodeWriter(path))
        {
            w.Write(Sample(3, 2));
            Assert.ThrowsAny<Exception>(() => w.Write(bad));
            Assert.Throws<InvalidOperationException>(() => w.Write(Sample(4, 1)));
        }

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }
}
