using System.Globalization;
using System.Text;
using RlFramework.Runner.Logging;

namespace RlFramework.Runner.Reports;

/// <summary>Reads a run's metrics.csv (<c>step,tag,value,wall_time</c>, as <see cref="CsvMetricsSink"/> writes it) into one series per tag.</summary>
internal static class RunMetrics
{
    /// <summary>The series of every tag in <paramref name="path"/>, sorted by step (stable for equal steps).</summary>
    /// <exception cref="ArgumentException">The file is missing, not a metrics file, or has no rows.</exception>
    public static IReadOnlyDictionary<string, MetricSeries> Read(string path, string runName)
    {
        if (!File.Exists(path))
            throw new ArgumentException($"Run {runName} has no metrics: {path} does not exist (was it trained with `rl train`?).");
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        if (lines.Length == 0 || lines[0] != CsvMetricsSink.Header)
            throw new ArgumentException($"{path} is not a metrics file: expected the first line \"{CsvMetricsSink.Header}\".");
        var rows = new Dictionary<string, List<(double Step, double Value)>>(StringComparer.Ordinal);
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var (step, tag, value) = Parse(lines[i], path, i + 1);
            if (!rows.TryGetValue(tag, out var list)) rows[tag] = list = [];
            list.Add((step, value));
        }
        if (rows.Count == 0)
            throw new ArgumentException($"Run {runName} has no metrics yet: {path} has a header but no rows.");
        return rows.ToDictionary(kv => kv.Key, kv =>
        {
            var sorted = kv.Value.Select((r, i) => (r, i)).OrderBy(p => p.r.Step).ThenBy(p => p.i).Select(p => p.r).ToArray();
            return new MetricSeries([.. sorted.Select(r => r.Step)], [.. sorted.Select(r => r.Value)]);
        }, StringComparer.Ordinal);
    }

    /// <summary>One row: the step, the tag (possibly quoted, with doubled quotes inside) and the value; the wall time is not needed.</summary>
    private static (double Step, string Tag, double Value) Parse(string line, string path, int lineNumber)
    {
        int comma = line.IndexOf(',', StringComparison.Ordinal);
        string tag;
        int next;
        if (comma > 0 && comma + 1 < line.Length && line[comma + 1] == '"')
        {
            var text = new StringBuilder();
            int j = comma + 2;
            while (j < line.Length && !(line[j] == '"' && (j + 1 >= line.Length || line[j + 1] != '"')))
            {
                text.Append(line[j]);
                j += line[j] == '"' ? 2 : 1;
            }
            tag = text.ToString();
            next = j + 1;
        }
        else
        {
            next = comma < 0 ? -1 : line.IndexOf(',', comma + 1);
            tag = next < 0 ? "" : line[(comma + 1)..next];
        }
        int end = next < 0 || next >= line.Length ? -1 : line.IndexOf(',', next + 1);
        if (comma <= 0 || next < 0 || next >= line.Length || line[next] != ','
            || !long.TryParse(line.AsSpan(0, comma), NumberStyles.Integer, CultureInfo.InvariantCulture, out long step)
            || !double.TryParse(end < 0 ? line.AsSpan(next + 1) : line.AsSpan(next + 1, end - next - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw new ArgumentException($"Line {lineNumber} of {path} is not a metrics row (step,tag,value,wall_time): \"{line}\".");
        }

        return (step, tag, value);
    }
}
