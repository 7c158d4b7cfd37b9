using System.Globalization;
using System.Text;

namespace RlFramework.Runner.Logging;

/// <summary>
/// Metrics as a CSV file (<c>step,tag,value,wall_time</c>, one row per value; numbers culture-invariant, wall time in Unix seconds),
/// readable with <c>pandas.read_csv</c>. Rows are flushed every <see cref="MetricsSinkBase.FlushInterval"/> and on dispose.
/// </summary>
public sealed class CsvMetricsSink : MetricsSinkBase
{
    /// <summary>The first line of every metrics CSV file.</summary>
    public const string Header = "step,tag,value,wall_time";

    /// <summary>The usual file name inside a run folder.</summary>
    public const string DefaultFileName = "metrics.csv";

    private readonly FileStream _file;
    private readonly StreamWriter _writer;

    /// <summary>Creates a metrics file at <paramref name="path"/> (and its folder), or continues one for a resumed run.</summary>
    /// <param name="path">The CSV file, usually <c>&lt;run folder&gt;/metrics.csv</c>.</param>
    /// <param name="resumeAfterStep">
    /// Null for a new run (the file must not exist). For a run resumed from a checkpoint taken after this many steps: the
    /// file is continued (created if missing), and rows logged past that step by the interrupted session are dropped, as is
    /// a row cut short by a crash, so the resumed session's rows don't repeat steps.
    /// </param>
    /// <param name="flushInterval">How long rows may wait in memory; 5 s if null.</param>
    /// <param name="time">The clock for wall times.</param>
    /// <exception cref="IOException">A new run's file exists already, or a resumed file is not a metrics CSV file.</exception>
    public CsvMetricsSink(string path, long? resumeAfterStep = null, TimeSpan? flushInterval = null, TimeProvider? time = null)
        : base(flushInterval, time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (resumeAfterStep < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(resumeAfterStep), resumeAfterStep, $"A resumed run continues after a step count of 0 or more; got {resumeAfterStep}.");
        }

        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        bool exists = File.Exists(Path);
        if (exists && resumeAfterStep is null)
        {
            throw new IOException($"Metrics file '{Path}' already exists; a new run needs a new run folder (pass resumeAfterStep to continue a resumed run's file).");
        }

        if (exists)
        {
            KeepRowsThrough(Path, resumeAfterStep!.Value);
        }

        _file = new FileStream(Path, exists ? FileMode.Append : FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 14);
        _writer = new StreamWriter(_file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 14) { NewLine = "\n" };
        if (!exists)
        {
            _writer.WriteLine(Header);
            _writer.Flush();
        }
    }

    /// <summary>The full path of the CSV file.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    protected override void WriteRecord(long step, string tag, double value, DateTimeOffset wallTime)
    {
        _writer.Write(step.ToString(CultureInfo.InvariantCulture));
        _writer.Write(',');
        WriteField(tag);
        _writer.Write(',');
        _writer.Write(value.ToString("R", CultureInfo.InvariantCulture));
        _writer.Write(',');
        _writer.Write(UnixSeconds(wallTime).ToString("F3", CultureInfo.InvariantCulture));
        _writer.WriteLine();
    }

    /// <inheritdoc/>
    protected override void FlushFile(bool toDisk)
    {
        _writer.Flush();
        _file.Flush(toDisk);
    }

    /// <inheritdoc/>
    protected override void CloseFile() => _writer.Dispose();

    private void WriteField(string text)
    {
        if (text.AsSpan().IndexOfAny(',', '"') < 0)
        {
            _writer.Write(text);
            return;
        }

        _writer.Write('"');
        _writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        _writer.Write('"');
    }

    /// <summary>Checks the header, then rewrites the file (atomically) without rows past <paramref name="lastStep"/> or a partial last row, if it has any.</summary>
    private static void KeepRowsThrough(string path, long lastStep)
    {
        var text = File.ReadAllText(path, Encoding.UTF8);
        if (!text.StartsWith(Header + "\n", StringComparison.Ordinal))
        {
            throw new IOException($"'{path}' is not a metrics CSV file: expected the first line \"{Header}\".");
        }

        var lines = text.Split('\n');
        var kept = new StringBuilder(text.Length).Append(Header).Append('\n');
        // The last element follows the final newline: empty, or a row a crash cut short.
        for (int i = 1; i < lines.Length - 1; i++)
        {
            int comma = lines[i].IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || !long.TryParse(lines[i].AsSpan(0, comma), NumberStyles.None, CultureInfo.InvariantCulture, out long step))
            {
                throw new IOException($"Line {i + 1} of metrics file '{path}' is not a row starting with a step: \"{lines[i]}\".");
            }

            if (step <= lastStep)
            {
                kept.Append(lines[i]).Append('\n');
            }
        }

        if (kept.Length != text.Length)
        {
            AtomicFile.WriteAllBytes(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(kept.ToString()));
        }
    }
}
