using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using RlFramework.Replay;
using RlFramework.Replay.Episodes;

namespace RlFramework.Benchmarks.Replay;

/// <summary>
/// The MessagePack file codec: a full 10,000-transition CartPole-size replay buffer saved and loaded, and 50 episodes
/// of 200 steps (observation 4 floats, one int action, 3 info scalars a step) written and read. Files go to /dev/shm
/// (memory), so the fsync of the atomic write costs little and the codec dominates.
/// </summary>
[MemoryDiagnoser]
public class FileCodecBenchmarks
{
    private readonly string _dir = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"rl-codec-{Environment.ProcessId}");
    private ReplayBuffer<int> _buffer = null!;
    private Episode<int>[] _episodes = null!;

    /// <summary>Fills the buffer and builds the episodes, and writes the files the load benchmarks read.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_dir);
        _buffer = new ReplayBuffer<int>(10_000, 4, seed: 1);
        for (int t = 0; t < 10_000; t++)
        {
            float x = t * 1e-3f;
            _buffer.Add([x, -x, 0.5f * x, 1f - x], t & 1, 1f, [x + 1e-3f, -x, 0.5f * x, 1f - x], t % 200 == 199, false);
        }

        _episodes = new Episode<int>[50];
        for (int e = 0; e < _episodes.Length; e++)
        {
            var episode = new Episode<int>([e, 0f, 0f, 0f]);
            for (int t = 1; t <= 200; t++)
            {
                var info = new Dictionary<string, InfoValue> { ["step"] = t, ["x"] = t * 0.01, ["phase"] = t < 100 ? "start" : "run" };
                episode.AddStep(t & 1, [e, t * 0.01f, -t * 0.02f, 0.5f], 1f, t == 200, false, info);
            }

            episode.Labels["env"] = "CartPole-v1";
            _episodes[e] = episode;
        }

        SaveBuffer();
        WriteEpisodes();
    }

    /// <summary>Removes the files.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    /// <summary>Save of a full 10,000-transition buffer (≈ 0.4 MB).</summary>
    [Benchmark]
    public void SaveBuffer() => _buffer.Save(Path.Combine(_dir, "buffer.msgpack"));

    /// <summary>Load of that buffer (checksum, then fields).</summary>
    [Benchmark]
    public int LoadBuffer() => ReplayBuffer<int>.Load(Path.Combine(_dir, "buffer.msgpack")).Count;

    /// <summary>50 episodes × 200 steps written (≈ 0.4 MB, 30,000 info scalars).</summary>
    [Benchmark]
    public void WriteEpisodes()
    {
        using var writer = new EpisodeWriter(Path.Combine(_dir, "episodes.msgpack"));
        foreach (Episode<int> episode in _episodes)
        {
            writer.Write(episode);
        }
    }

    /// <summary>Those 50 episodes read back (checksums checked).</summary>
    [Benchmark]
    public int ReadEpisodes()
    {
        using var reader = new EpisodeReader(Path.Combine(_dir, "episodes.msgpack"));
        return reader.ReadAll<int>().Count;
    }

    /// <summary>
    /// Prints the process CPU time per operation of each benchmark (100 runs after 20 warm-up ones, one thread):
    /// steadier than BenchmarkDotNet's wall time on a shared machine. Run with the argument <c>codec-cpu</c>.
    /// </summary>
    public static void PrintCpuTimes()
    {
        var b = new FileCodecBenchmarks();
        b.Setup();
        try
        {
            (string Name, Action Run)[] operations =
            [
                (nameof(SaveBuffer), b.SaveBuffer), (nameof(LoadBuffer), () => b.LoadBuffer()),
                (nameof(WriteEpisodes), b.WriteEpisodes), (nameof(ReadEpisodes), () => b.ReadEpisodes()),
            ];
            using var process = Process.GetCurrentProcess();
            foreach ((string name, Action run) in operations)
            {
                for (int i = 0; i < 20; i++)
                {
                    run();
                }

                const int n = 100;
                process.Refresh();
                TimeSpan cpu = process.TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                for (int i = 0; i < n; i++)
                {
                    run();
                }

                process.Refresh();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-14} CPU {(process.TotalProcessorTime - cpu).TotalMilliseconds / n,7:F2} ms/op   wall {wall.Elapsed.TotalMilliseconds / n,7:F2} ms/op"));
            }
        }
        finally
        {
            b.Cleanup();
        }
    }
}
