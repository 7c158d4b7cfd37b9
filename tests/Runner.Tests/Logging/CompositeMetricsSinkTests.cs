using RlFramework.Runner.Logging;

namespace RlFramework.Runner.Tests.Logging;

public class CompositeMetricsSinkTests
{
    private sealed class RecordingSink(bool failOnDispose = false) : IMetricsSink
    {
        public List<(long, string, double)> Rows { get; } = [];

        public int Flushes { get; private set; }

        public bool Disposed { get; private set; }

        public void Write(long step, string tag, double value) => Rows.Add((step, tag, value));

        public void Flush() => Flushes++;

        public void Dispose()
        {
            Disposed = true;
            if (failOnDispose)
            {
                throw new IOException("disk gone");
            }
        }
    }

    [Fact]
    public void WritesAndFlushesReachEverySinkAndDisposeClosesAllEvenAfterAFailure()
    {
        var (a, b, c) = (new RecordingSink(), new RecordingSink(failOnDispose: true), new RecordingSink());
        var all = new CompositeMetricsSink(a, b, c);
        all.Write(3, "x", 1.5);
        all.Flush();
        Assert.All(new[] { a, b, c }, s => Assert.Equal([(3L, "x", 1.5)], s.Rows));
        Assert.All(new[] { a, b, c }, s => Assert.Equal(1, s.Flushes));
        var error = Assert.Throws<IOException>(all.Dispose);
        Assert.Equal("disk gone", error.Message);
        Assert.True(a.Disposed && b.Disposed && c.Disposed);
    }

    [Fact]
    public void ARunFolderGetsACsvFileAndAnEventFileAndAResumeDropsWhatCameAfterTheCheckpoint()
    {
        using var folder = new TempDir();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 23, 19, 30, 0, TimeSpan.Zero));
        using (var sinks = CompositeMetricsSink.OpenRunFolder(folder.Path, time: clock))
        {
            sinks.Write(1, MetricTags.EpisodicReturn, 10);
            sinks.Write(2, MetricTags.EpisodicReturn, 20);
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        using (var sinks = CompositeMetricsSink.OpenRunFolder(folder.Path, resumeAfterStep: 1, time: clock))
        {
            sinks.Write(2, MetricTags.EpisodicReturn, 21);
        }

        Assert.Equal(["1,charts/episodic_return,10", "2,charts/episodic_return,21"],
            File.ReadAllLines(Path.Combine(folder.Path, "metrics.csv")).Skip(1).Select(l => l[..l.LastIndexOf(',')]));
        var eventFiles = Directory.GetFiles(folder.Path, "events.out.tfevents.*").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, eventFiles.Count);
        var resumed = EventFileReader.Read(eventFiles[1]);
        Assert.Equal("brain.Event:2", resumed[0].FileVersion);
        Assert.Equal((2L, 1), (resumed[1].Step, resumed[1].SessionStatus));
        Assert.Equal((2L, "charts/episodic_return", 21f), (resumed[2].Step, resumed[2].Values.Single().Tag, resumed[2].Values.Single().Value));
        Assert.All(EventFileReader.Read(eventFiles[0]), e => Assert.Null(e.SessionStatus));
        Assert.Throws<IOException>(() => CompositeMetricsSink.OpenRunFolder(folder.Path));
    }

    [Fact]
    public void ANullSinkIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new CompositeMetricsSink(new RecordingSink(), null!));
        Assert.Contains("Sink 1 of 2 is null", error.Message);
    }
}
