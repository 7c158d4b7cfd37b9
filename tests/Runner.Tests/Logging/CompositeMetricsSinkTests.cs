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
    public void ARunFolderGetsACsvFileAndAnEventFileAndResumeAddsToThem()
    {
        using var folder = new TempFolder();
        using (var sinks = CompositeMetricsSink.OpenRunFolder(folder.Path))
        {
            sinks.Write(1, MetricTags.EpisodicReturn, 10);
        }

        using (var sinks = CompositeMetricsSink.OpenRunFolder(folder.Path, resume: true))
        {
            sinks.Write(2, MetricTags.EpisodicReturn, 20);
        }

        Assert.Equal(3, File.ReadAllLines(Path.Combine(folder.Path, "metrics.csv")).Length);
        var eventFiles = Directory.GetFiles(folder.Path, "events.out.tfevents.*");
        Assert.Equal(2, eventFiles.Length);
        var steps = eventFiles.SelectMany(EventFileReader.Read).Where(e => e.FileVersion is null).Select(e => e.Step).Order();
        Assert.Equal([1L, 2L], steps);
        Assert.Throws<IOException>(() => CompositeMetricsSink.OpenRunFolder(folder.Path));
    }

    [Fact]
    public void ANullSinkIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new CompositeMetricsSink(new RecordingSink(), null!));
        Assert.Contains("Sink 1 of 2 is null", error.Message);
    }
}
