using Google.Protobuf;
using RlFramework.Runner.Protos;

namespace RlFramework.Runner.Logging;

/// <summary>
/// Metrics as a TensorBoard event file <c>events.out.tfevents.&lt;unix time&gt;.&lt;host&gt;</c> in a log folder, so
/// <c>tensorboard --logdir runs/</c> plots them: TFRecord framing, a first <c>Event{file_version: "brain.Event:2"}</c>,
/// then one <c>Event{wall_time, step, summary{value{tag, simple_value}}}</c> per value (stored as a 32-bit float, as TensorBoard does).
/// </summary>
public sealed class TensorBoardSink : MetricsSinkBase
{
    /// <summary>The file_version of the first record.</summary>
    public const string FileVersion = "brain.Event:2";

    /// <summary>The prefix TensorBoard looks for in file names.</summary>
    public const string FilePrefix = "events.out.tfevents.";

    private readonly FileStream _file;
    private readonly TfRecordWriter _records;
    private readonly Event _event = new() { Summary = new Summary() };
    private readonly Summary.Types.Value _value = new();
    private byte[] _buffer = new byte[256];

    /// <summary>TensorFlow's DT_STRING.</summary>
    private const int StringDataType = 7;

    /// <summary>Creates a new event file in <paramref name="logDirectory"/> (created if missing) and writes its version record.</summary>
    /// <param name="logDirectory">The folder TensorBoard is pointed at (or a subfolder of it).</param>
    /// <param name="flushInterval">How long records may wait in memory; 5 s if null.</param>
    /// <param name="time">The clock for wall times.</param>
    /// <param name="resumeAfterStep">
    /// For a run resumed from a checkpoint taken after this many steps: a <c>SessionLog START</c> at the next step follows
    /// the version record, so TensorBoard drops what the interrupted session logged past the checkpoint.
    /// </param>
    public TensorBoardSink(string logDirectory, TimeSpan? flushInterval = null, TimeProvider? time = null, long? resumeAfterStep = null)
        : base(flushInterval, time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(logDirectory);
        if (resumeAfterStep is < 0 or long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(resumeAfterStep), resumeAfterStep, $"A resumed run continues after a step count of 0 or more; got {resumeAfterStep}.");
        }

        var directory = System.IO.Path.GetFullPath(logDirectory);
        Directory.CreateDirectory(directory);
        var now = Time.GetUtcNow();
        (_file, Path) = CreateUnique(directory, $"{FilePrefix}{now.ToUnixTimeSeconds()}.{HostName()}");
        _records = new TfRecordWriter(_file);
        _event.Summary.Value.Add(_value);
        try
        {
            WriteEvent(new Event { WallTime = UnixSeconds(now), FileVersion = FileVersion });
            if (resumeAfterStep is { } after)
            {
                WriteEvent(new Event { WallTime = UnixSeconds(now), Step = after + 1, SessionLog = new SessionLog { Status = SessionLog.Types.SessionStatus.Start } });
            }

            _file.Flush();
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    /// <summary>The full path of the event file.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    protected override void WriteRecord(long step, string tag, double value, DateTimeOffset wallTime)
    {
        _event.WallTime = UnixSeconds(wallTime);
        _event.Step = step;
        _value.Tag = tag;
        _value.SimpleValue = (float)value;
        WriteEvent(_event);
    }

    /// <summary>
    /// Writes <paramref name="markdown"/> as a text summary under <paramref name="tag"/> (TensorBoard's Text tab shows it
    /// under <c>tag/text_summary</c>, as PyTorch's <c>add_text</c> names it), e.g. the run's hyperparameter table.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="tag"/> is blank or has a control character.</exception>
    public void WriteText(long step, string tag, string markdown)
    {
        CheckTag(tag);
        ArgumentNullException.ThrowIfNull(markdown);
        var tensor = new TensorProto { Dtype = StringDataType, TensorShape = new TensorShapeProto() };
        tensor.TensorShape.Dim.Add(new TensorShapeProto.Types.Dim { Size = 1 });
        tensor.StringVal.Add(ByteString.CopyFromUtf8(markdown));
        var value = new Summary.Types.Value
        {
            Tag = tag + "/text_summary",
            Metadata = new SummaryMetadata { PluginData = new SummaryMetadata.Types.PluginData { PluginName = "text" } },
            Tensor = tensor,
        };
        var summary = new Summary();
        summary.Value.Add(value);
        WriteExclusively(() =>
        {
            WriteEvent(new Event { WallTime = UnixSeconds(Time.GetUtcNow()), Step = step, Summary = summary });
            _file.Flush();
        });
    }

    /// <inheritdoc/>
    protected override void FlushFile(bool toDisk) => _file.Flush(toDisk);

    /// <inheritdoc/>
    protected override void CloseFile() => _file.Dispose();

    private void WriteEvent(Event message)
    {
        int size = message.CalculateSize();
        if (size > _buffer.Length)
        {
            _buffer = new byte[Math.Max(size, 2 * _buffer.Length)];
        }

        var span = _buffer.AsSpan(0, size);
        message.WriteTo(span);
        _records.Write(span);
    }

    private static string HostName()
    {
        var name = Environment.MachineName;
        return string.IsNullOrWhiteSpace(name) ? "localhost" : name;
    }

    /// <summary>Opens <paramref name="name"/> new, or <c>name.1</c>, <c>name.2</c>… when another writer took it in the same second.</summary>
    private static (FileStream File, string Path) CreateUnique(string directory, string name)
    {
        for (int attempt = 0; ; attempt++)
        {
            var path = System.IO.Path.Combine(directory, attempt == 0 ? name : $"{name}.{attempt}");
            if (File.Exists(path))
            {
                continue;
            }

            try
            {
                return (new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 14), path);
            }
            catch (IOException) when (File.Exists(path) && attempt < 1000)
            {
                // Lost a race for this name: try the next.
            }
        }
    }
}
