using System.Reactive.Subjects;
using RlFramework.Runner.Logging;

namespace RlFramework.Runner.Tests.Logging;

public class MetricsObservablesTests
{
    private readonly record struct Episode(long Step, double Return, int Length);

    [Fact]
    public void EveryEventWritesEachSeriesAtItsStepUntilDisposed()
    {
        using var folder = new TempDir();
        using var sink = new CsvMetricsSink(folder.File("metrics.csv"), flushInterval: TimeSpan.FromHours(1));
        var episodes = new Subject<Episode>();
        var subscription = episodes.LogTo(sink, e => e.Step, (MetricTags.EpisodicReturn, e => e.Return), (MetricTags.EpisodicLength, e => e.Length));
        episodes.OnNext(new Episode(12, 12.5, 12));
        episodes.OnNext(new Episode(40, 28, 28));
        subscription.Dispose();
        episodes.OnNext(new Episode(99, 1, 1));
        sink.Flush();

        var rows = File.ReadAllLines(sink.Path).Skip(1).Select(l => l[..l.LastIndexOf(',')]);
        Assert.Equal(["12,charts/episodic_return,12.5", "12,charts/episodic_length,12", "40,charts/episodic_return,28", "40,charts/episodic_length,28"], rows);
    }

    [Fact]
    public void CompletionFlushes()
    {
        using var folder = new TempDir();
        using var sink = new CsvMetricsSink(folder.File("metrics.csv"), flushInterval: TimeSpan.FromHours(1));
        var losses = new Subject<(long Step, double Loss)>();
        using var subscription = losses.LogTo(sink, u => u.Step, (MetricTags.TdLoss, u => u.Loss));
        losses.OnNext((10, 0.5));
        Assert.Single(File.ReadAllLines(sink.Path));
        losses.OnCompleted();
        Assert.Equal(2, File.ReadAllLines(sink.Path).Length);
    }

    [Fact]
    public void NoSeriesOrABlankTagIsRefusedAtSubscription()
    {
        using var folder = new TempDir();
        using var sink = new CsvMetricsSink(folder.File("metrics.csv"));
        var source = new Subject<long>();
        Assert.Contains("at least one (tag, value) series", Assert.Throws<ArgumentException>(() => source.LogTo(sink, s => s)).Message);
        Assert.Contains("Metric tag ''", Assert.Throws<ArgumentException>(() => source.LogTo(sink, s => s, ("", s => s))).Message);
        Assert.False(source.HasObservers);
    }
}
