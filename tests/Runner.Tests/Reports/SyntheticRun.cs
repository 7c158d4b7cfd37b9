using System.Globalization;
using System.Text;
using RlFramework.Renders;
using RlFramework.Renders.Video;
using RlFramework.Runner.Logging;
using RlFramework.Runner.Training;

namespace RlFramework.Runner.Tests.Reports;

/// <summary>Run folders written the way `rl train` writes them (run.json, metrics.csv, videos/), with made-up, seeded metrics.</summary>
internal static class SyntheticRun
{
    /// <summary>Writes run folder <paramref name="name"/> under <paramref name="parent"/>: 200 episodes over 20,000 steps, evaluations every 5,000, losses, SPS.</summary>
    public static string Create(string parent, string name, int seed, bool video = true)
    {
        string folder = Directory.CreateDirectory(Path.Combine(parent, name)).FullName;
        var spec = new RunSpec("CartPole-v1", "dqn", null, seed, 1, 20_000, 10_000, EvalEvery: 5_000, EvalEpisodes: 3);
        File.WriteAllText(Path.Combine(folder, RunSpec.FileName), spec.ToJson());
        var random = new Random(seed);
        var csv = new StringBuilder(CsvMetricsSink.Header).Append('\n');
        void Row(long step, string tag, double value) =>
            csv.Append(CultureInfo.InvariantCulture, $"{step},{tag},{value.ToString("R", CultureInfo.InvariantCulture)},1765000000.000\n");
        for (int e = 1; e <= 200; e++)
            Row(e * 100, MetricTags.EpisodicReturn, 10 + e * 2 + 30 * seed + random.Next(0, 40));
        for (long s = 1_000; s <= 20_000; s += 1_000)
        {
            Row(s, MetricTags.StepsPerSecond, 2_000 + random.Next(0, 500));
            Row(s, MetricTags.TdLoss, 1.0 / (1 + s / 5_000.0) + random.NextDouble() * 0.1);
            Row(s, MetricTags.QValues, s / 1_000.0);
        }
        for (long s = 5_000; s <= 20_000; s += 5_000)
            Row(s, MetricTags.EvalReturn, s / 100.0);
        File.WriteAllText(Path.Combine(folder, CsvMetricsSink.DefaultFileName), csv.ToString());
        if (video)
        {
            string videos = Directory.CreateDirectory(Path.Combine(folder, "videos")).FullName;
            using var writer = new GifVideoWriter(Path.Combine(videos, "train-episode-0.gif"), 60, 40, 10);
            for (int i = 0; i < 5; i++)
            {
                var frame = new Frame(60, 40);
                frame.Fill(new Color((byte)(i * 50), 100, 200));
                writer.WriteFrame(frame);
            }
        }
        return folder;
    }
}
