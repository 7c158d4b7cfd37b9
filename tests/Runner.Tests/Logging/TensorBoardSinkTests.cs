using RlFramework.Runner.Logging;

namespace RlFramework.Runner.Tests.Logging;

public class TensorBoardSinkTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 19, 30, 0, TimeSpan.Zero);

    [Fact]
    public void TheEventFileReadsBackWithValidFramingCrcsTagsStepsAndValues()
    {
        using var folder = new TempDir();
        var clock = new ManualClock(Start);
        string path;
        using (var sink = new TensorBoardSink(folder.Path, time: clock))
        {
            path = sink.Path;
            sink.Write(0, MetricTags.EpisodicReturn, 21.5);
            clock.Advance(TimeSpan.FromMilliseconds(250));
            sink.Write(1000, MetricTags.TdLoss, 0.125);
            sink.Write(123_456_789_012, "custom/négatif ✓", -3.75);
            sink.Write(7, MetricTags.Epsilon, 0.1);
            sink.Write(0, "zero", 0.0); // a zero value is still on the wire (TensorBoard tells scalars by the oneof case)
        }

        Assert.Equal($"events.out.tfevents.{Start.ToUnixTimeSeconds()}.{Environment.MachineName}", Path.GetFileName(path));
        var events = EventFileReader.Read(path);
        Assert.Equal(6, events.Count);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.Empty(events[0].Values);
        Assert.Equal(Start.ToUnixTimeSeconds(), events[0].WallTime);

        var scalars = events.Skip(1).Select(e => (e.Step, e.Values.Single().Tag, e.Values.Single().Value)).ToList();
        Assert.Equal(
            [(0L, "charts/episodic_return", 21.5f), (1000L, "losses/td_loss", 0.125f), (123_456_789_012L, "custom/négatif ✓", -3.75f), (7L, "charts/epsilon", 0.1f), (0L, "zero", 0f)],
            scalars);
        Assert.All(events.Skip(1), e => Assert.Null(e.FileVersion));
        Assert.Equal(Start.ToUnixTimeSeconds(), events[1].WallTime);
        Assert.Equal(Start.ToUnixTimeSeconds() + 0.25, events[2].WallTime, 6);
    }

    [Fact]
    public void TwoSinksOpenedInTheSameSecondGetTwoFiles()
    {
        using var folder = new TempDir();
        var clock = new ManualClock(Start);
        using var first = new TensorBoardSink(folder.Path, time: clock);
        using var second = new TensorBoardSink(folder.Path, time: clock);
        Assert.NotEqual(first.Path, second.Path);
        Assert.StartsWith(first.Path, second.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordsReachTheFileAtTheFlushIntervalNotBefore()
    {
        using var folder = new TempDir();
        var clock = new ManualClock(Start);
        using var sink = new TensorBoardSink(folder.Path, TimeSpan.FromSeconds(10), clock);
        sink.Write(1, "a", 1);
        Assert.Single(EventFileReader.Read(sink.Path));
        clock.Advance(TimeSpan.FromSeconds(11));
        sink.Write(2, "a", 2);
        Assert.Equal(3, EventFileReader.Read(sink.Path).Count);
    }

    [Fact]
    public void BadStepsTagsAndWritesAfterDisposeAreRefusedByName()
    {
        using var folder = new TempDir();
        var resume = Assert.Throws<ArgumentOutOfRangeException>(() => new TensorBoardSink(folder.Path, resumeAfterStep: -1));
        Assert.Contains("0 or more; got -1", resume.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CsvMetricsSink(folder.File("m.csv"), resumeAfterStep: -1));
        Assert.Empty(Directory.GetFiles(folder.Path));
        var sink = new TensorBoardSink(folder.Path);
        var step = Assert.Throws<ArgumentOutOfRangeException>(() => sink.Write(-1, "loss", 1));
        Assert.Contains("got -1 for tag 'loss'", step.Message);
        var tag = Assert.Throws<ArgumentException>(() => sink.Write(0, " ", 1));
        Assert.Contains("Metric tag ' '", tag.Message);
        Assert.Throws<ArgumentException>(() => sink.Write(0, "a\nb", 1));
        sink.Dispose();
        sink.Dispose();
        Assert.Throws<ObjectDisposedException>(() => sink.Write(0, "loss", 1));
        Assert.Single(EventFileReader.Read(sink.Path));
    }
}
