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

    /// <summary>Creates <paramref name="path"/> (and its folder), or with <paramref name="append"/> continues an existing metrics file (a resumed run).</summary>
    /// <exception cref="IOException">The file exists and <paramref name="append"/> is false, or it exists but is not a metrics CSV file.</exception>
    public CsvMetricsSink(string path, bool append = false, TimeSpan? flushInterval = null, TimeProvider? time = null)
        : base(flushInterval, time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        bool continuing = append && File.Exists(Path);
        if (!append && File.Exists(Path))
        {
            throw new IOException($"Metrics file '{Path}' already exists; pass append: true to continue it (a resumed run) or choose another run folder.");
        }

        _file = new FileStream(Path, continuing ? FileMode.Open : FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 1 << 14);
        try
        {
            if (continuing)
            {
                DropPartialLastRow(_file, Path);
            }

            _writer = new StreamWriter(_file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 14) { NewLine = "\n" };
            if (!continuing)
            {
                _writer.WriteLine(Header);
                _writer.Flush();
            }
        }
        catch
        {
            _file.Dispose();
            if (!continuing)
            {
                File.Delete(Path);
            }

            throw;
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

    /// <summary>Checks the header and cuts a row left half-written by a crash, then positions at the end.</summary>
    private static void DropPartialLastRow(FileStream file, string path)
    {
        var headerBytes = Encoding.UTF8.GetBytes(Header + "\n");
        var start = new byte[headerBytes.Length];
        int read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        if (read < start.Length || !start.AsSpan().SequenceEqual(headerBytes))
        {
            throw new IOException($"'{path}' is not a metrics CSV file: expected the first line \"{Header}\".");
        }

        long end = file.Length;
        var tail = new byte[1];
        long keep = end;
        while (keep > headerBytes.Length)
        {
            file.Position = keep - 1;
            file.ReadExactly(tail);
            if (tail[0] == (byte)'\n')
            {
                break;
            }

            keep--;
        }

        file.SetLength(keep);
        file.Position = keep;
    }
}
