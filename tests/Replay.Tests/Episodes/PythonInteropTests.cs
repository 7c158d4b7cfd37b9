using System.Diagnostics;
using System.Text.Json;
using RlFramework.Replay.Episodes;
using RlFramework.Replay.Tests.Buffers;

namespace RlFramework.Replay.Tests.Episodes;

/// <summary>Python's msgpack package (python3-msgpack) reads our episode and buffer files, checksums included.</summary>
public class PythonInteropTests
{
    private const string Python = PythonMsgpackFactAttribute.Python;

    [PythonMsgpackFact]
    public void PythonMsgpackReadsOurFiles()
    {
        using var dir = new TempDir();
        string episodes = dir.File("episodes.msgpack");
        string buffer = dir.File("buffer.msgpack");
        Episode<int>[] written = [EpisodeFileTests.Sample(1, 4), EpisodeFileTests.Sample(2, 2, truncated: true)];
        using (var w = new EpisodeWriter(episodes, new Dictionary<string, string> { ["run"] = "py" }))
        {
            foreach (Episode<int> e in written)
            {
                w.Write(e);
            }
        }

        ReplayBuffer<int> b = ReplayBufferTests.Filled(8, 11, seed: 2);
        b.Save(buffer);

        string stdout = RunPython("read_episodes.py", episodes, buffer);
        using JsonDocument doc = JsonDocument.Parse(stdout);
        JsonElement root = doc.RootElement;
        Assert.Equal("rlframework.episodes", root.GetProperty("header").GetProperty("format").GetString());
        Assert.Equal("py", root.GetProperty("header").GetProperty("metadata").GetProperty("run").GetString());
        Assert.Equal(2, root.GetProperty("end_of_episodes").GetInt32());
        JsonElement[] eps = root.GetProperty("episodes").EnumerateArray().ToArray();
        Assert.Equal(2, eps.Length);
        for (int i = 0; i < 2; i++)
        {
            Episode<int> e = written[i];
            JsonElement j = eps[i];
            Assert.True(j.GetProperty("crc_ok").GetBoolean());
            Assert.Equal(e.Length, j.GetProperty("length").GetInt32());
            float[] obs = j.GetProperty("obs").EnumerateArray().SelectMany(row => row.EnumerateArray()).Select(x => x.GetSingle()).ToArray();
            Assert.Equal(e.Observations, obs);
            Assert.Equal(e.Actions, j.GetProperty("actions").EnumerateArray().SelectMany(row => row.EnumerateArray()).Select(x => x.GetInt32()));
            Assert.Equal(e.Rewards, j.GetProperty("rewards").EnumerateArray().Select(x => x.GetSingle()));
            Assert.Equal(e.Terminated, j.GetProperty("terminated").EnumerateArray().Select(x => x.GetBoolean()));
            Assert.Equal(e.Truncated, j.GetProperty("truncated").EnumerateArray().Select(x => x.GetBoolean()));
            Assert.Equal(e.Labels["env"], j.GetProperty("labels").GetProperty("env").GetString());
            Assert.Equal(e.Rewards.Sum(), j.GetProperty("return").GetDouble(), 5);
            JsonElement lastInfo = j.GetProperty("infos")[e.Length - 1];
            Assert.Equal(e.Length, lastInfo.GetProperty("step").GetInt32());
            Assert.Equal(e.Length * 0.25, lastInfo.GetProperty("x").GetDouble());
            Assert.Equal(e.Infos[^1]["phase"].AsString(), lastInfo.GetProperty("phase").GetString());
        }

        JsonElement buf = root.GetProperty("buffer");
        Assert.True(buf.GetProperty("crc_ok").GetBoolean());
        Assert.Equal(8, buf.GetProperty("count").GetInt32());
        for (int slot = 0; slot < 8; slot++)
        {
            Assert.Equal(b.ObservationAt(slot).ToArray(), buf.GetProperty("observations")[slot].EnumerateArray().Select(x => x.GetSingle()).ToArray());
            Assert.Equal(b.ActionAt(slot)[0], buf.GetProperty("actions")[slot].GetInt32());
            Assert.Equal(b.FlagsAt(slot).Terminated, buf.GetProperty("terminated")[slot].GetBoolean());
        }
    }

    [PythonMsgpackFact]
    public void TheDocumentedPythonExampleRuns()
    {
        using var dir = new TempDir();
        string episodes = dir.File("episodes.msgpack");
        using (var w = new EpisodeWriter(episodes))
        {
            w.Write(EpisodeFileTests.Sample(1, 3));
            w.Write(EpisodeFileTests.Sample(2, 2));
        }

        string[] lines = RunPython("episode_example.py", episodes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["1 3 6.0 [1.0, 3.0, 0.30000001192092896, -3.0] [1, 0, 1]", "2 2 6.0 [2.0, 2.0, 0.20000000298023224, -2.0] [1, 0]"], lines);
    }

    [PythonMsgpackFact("lz4.block")]
    public void TheDocumentedPythonLz4ExampleReadsACompressedFile()
    {
        using var dir = new TempDir();
        string path = dir.File("pixels.msgpack");
        Episode<int>[] written = [CompressionTests.Pixels(label: 1, length: 30), CompressionTests.Pixels(label: 0, length: 5)];
        using (var w = new EpisodeWriter(path, byteObservations: true, compress: true))
        {
            foreach (Episode<int> e in written)
            {
                w.Write(e);
            }
        }

        string[] lines = RunPython("lz4_example.py", path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(written.Select(e => $"lz4 {e.Labels["label"]} {e.Length} {e.ObservationSize} {e.Observations.Sum(v => (long)v)} True"), lines);
    }

    /// <summary>Runs a script of Fixtures/ with /usr/bin/python3 and returns its standard output; fails the test on a non-zero exit.</summary>
    private static string RunPython(string script, params string[] arguments)
    {
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Fixtures", script));
        foreach (string argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        using Process p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, stderr);
        return stdout;
    }
}
