using System.Globalization;
using System.Text;
using RlFramework.Runner.Logging;

namespace RlFramework.Runner.Tests.Logging;

public class CsvMetricsSinkTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 19, 30, 0, TimeSpan.Zero);

    private static string[] Lines(string path) =>
        Encoding.UTF8.GetString(EventFileReader.ReadShared(path)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void RowsHoldStepTagValueAndWallTimeInvariantAndRoundTrip()
    {
        using var folder = new TempDir();
        var clock = new ManualClock(Start);
        var path = folder.File("run/metrics.csv");
        double[] values = [0.1, -1e-7, 12345.678901234567, double.MaxValue, double.NaN];
        using (var sink = new CsvMetricsSink(path, time: clock))
        {
            for (int i = 0; i < values.Length; i++)
            {
                sink.Write(i * 10, "charts/x", values[i]);
                clock.Advance(TimeSpan.FromMilliseconds(1500));
            }

            sink.Write(99, "needs,\"quotes\"", 1);
        }

        var lines = Lines(path);
        Assert.Equal("step,tag,value,wall_time", lines[0]);
        Assert.Equal(values.Length + 2, lines.Length);
        for (int i = 0; i < values.Length; i++)
        {
            var cells = lines[i + 1].Split(',');
            Assert.Equal((i * 10).ToString(CultureInfo.InvariantCulture), cells[0]);
            Assert.Equal("charts/x", cells[1]);
            Assert.Equal(values[i], double.Parse(cells[2], CultureInfo.InvariantCulture));
            Assert.Equal(Start.ToUnixTimeSeconds() + 1.5 * i, double.Parse(cells[3], CultureInfo.InvariantCulture), 3);
        }

        Assert.Equal($"99,\"needs,\"\"quotes\"\"\",1,{Start.ToUnixTimeSeconds() + 7.5:F3}", lines[^1]);
    }

    [Fact]
    public void RowsReachTheFileAtTheFlushIntervalNotBefore()
    {
        using var folder = new TempDir();
        var clock = new ManualClock(Start);
        using var sink = new CsvMetricsSink(folder.File("metrics.csv"), flushInterval: TimeSpan.FromSeconds(10), time: clock);
        sink.Write(1, "a", 1);
        clock.Advance(TimeSpan.FromSeconds(9));
        sink.Write(2, "a", 2);
        Assert.Single(Lines(sink.Path));
        clock.Advance(TimeSpan.FromSeconds(2));
        sink.Write(3, "a", 3);
        Assert.Equal(4, Lines(sink.Path).Length);
        sink.Write(4, "a", 4);
        sink.Flush();
        Assert.Equal(5, Lines(sink.Path).Length);
    }

    [Fact]
    public void AResumedRunContinuesTheFileWithoutRowsPastTheCheckpointOrCutShortByACrash()
    {
        using var folder = new TempDir();
        var path = folder.File("metrics.csv");
        using (var sink = new CsvMetricsSink(path))
        {
            sink.Write(10, "a", 1);
            sink.Write(20, "a", 2);
            sink.Write(15, "b", 3);
            sink.Write(30, "a", 4);
        }

        File.AppendAllText(path, "40,a,0.5");
        using (var sink = new CsvMetricsSink(path, resumeAfterStep: 20))
        {
            sink.Write(21, "a", 5);
        }

        Assert.Equal(["10,a,1,", "20,a,2,", "15,b,3,", "21,a,5,"], Lines(path).Skip(1).Select(l => l[..(l.LastIndexOf(',') + 1)]));
        Assert.Equal([path], Directory.GetFiles(folder.Path));

        var untouched = File.ReadAllText(path);
        new CsvMetricsSink(path, resumeAfterStep: 100).Dispose();
        Assert.Equal(untouched, File.ReadAllText(path));
    }

    [Fact]
    public void ARowWithoutAStepIsNamedByLine()
    {
        using var folder = new TempDir();
        var path = folder.File("metrics.csv");
        File.WriteAllText(path, "step,tag,value,wall_time\n1,a,1,0\nbroken row\n");
        var error = Assert.Throws<IOException>(() => new CsvMetricsSink(path, resumeAfterStep: 5));
        Assert.Equal($"Line 3 of metrics file '{path}' is not a row starting with a step: \"broken row\".", error.Message);
    }

    [Fact]
    public void AnExistingFileIsNotOverwrittenAndAForeignFileIsNotAppendedTo()
    {
        using var folder = new TempDir();
        var path = folder.File("metrics.csv");
        new CsvMetricsSink(path).Dispose();
        var exists = Assert.Throws<IOException>(() => new CsvMetricsSink(path));
        Assert.Contains(path, exists.Message);
        Assert.Contains("already exists; a new run needs a new run folder", exists.Message);

        var foreign = folder.File("other.csv");
        File.WriteAllText(foreign, "a,b\n1,2\n");
        var notOurs = Assert.Throws<IOException>(() => new CsvMetricsSink(foreign, resumeAfterStep: 0));
        Assert.Contains("is not a metrics CSV file", notOurs.Message);
        Assert.Equal("a,b\n1,2\n", File.ReadAllText(foreign));
    }

    [Fact]
    public void ANewAppendTargetStartsWithTheHeader()
    {
        using var folder = new TempDir();
        using (var sink = new CsvMetricsSink(folder.File("metrics.csv"), resumeAfterStep: 0))
        {
            sink.Write(5, "b", 0.25);
        }

        Assert.Equal(["step,tag,value,wall_time"], Lines(folder.File("metrics.csv")).Take(1));
        Assert.Equal(2, Lines(folder.File("metrics.csv")).Length);
    }
}
