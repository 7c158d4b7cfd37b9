using System.Runtime.InteropServices;
using RlFramework.Replay.Files;
using RlFramework.Replay.MessagePack;

namespace RlFramework.Replay.Episodes;

/// <summary>
/// Writes an episode file: a header object, one MessagePack map per episode (each ending with its CRC-32), and an
/// end marker <c>{"end_of_episodes": N}</c>; layout in docs/episode-format.md. The file appears atomically when the
/// writer is disposed (temp file, fsync, rename); if a write failed, disposing discards the temp file instead.
/// </summary>
public sealed class EpisodeWriter : IDisposable
{
    private readonly string _path;
    private readonly string _temp;
    private readonly FileStream _file;
    private readonly CrcStream _crc;
    private readonly MessagePackWriter _writer;
    private readonly bool _byteObservations;
    private bool _faulted;
    private bool _disposed;

    /// <summary>Starts a new episode file at <paramref name="path"/> with optional file-level <paramref name="metadata"/>.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="metadata">File-level string metadata.</param>
    /// <param name="byteObservations">
    /// Store observations as bytes (<c>"|u1"</c>, a quarter of the size), for pixel observations: every observation
    /// value must then be an integer in [0, 255]. Readers return them as floats.
    /// </param>
    public EpisodeWriter(string path, IReadOnlyDictionary<string, string>? metadata = null, bool byteObservations = false)
    {
        _byteObservations = byteObservations;
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(_path) ?? ".";
        Directory.CreateDirectory(dir);
        _temp = Path.Combine(dir, $".{Path.GetFileName(_path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        _file = new FileStream(_temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        _crc = new CrcStream(_file);
        _writer = new MessagePackWriter(_crc, leaveOpen: true);
        Guarded(() =>
        {
            _writer.WriteMapHeader(3);
            _writer.WriteString("format");
            _writer.WriteString(EpisodeFile.Format);
            _writer.WriteString("version");
            _writer.WriteInt64(EpisodeFile.Version);
            _writer.WriteString("metadata");
            WriteStringMap(_writer, metadata);
        });
    }

    /// <summary>Episodes written so far.</summary>
    public int EpisodeCount { get; private set; }

    /// <summary>Appends one episode.</summary>
    public void Write<TAction>(Episode<TAction> episode)
        where TAction : unmanaged
    {
        ArgumentNullException.ThrowIfNull(episode);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_faulted)
        {
            throw new InvalidOperationException($"An earlier write to '{_path}' failed; the file will not be committed.");
        }

        episode.Validate();
        byte[]? bytes = _byteObservations ? ToBytes(CollectionsMarshal.AsSpan(episode.Observations)) : null;
        Guarded(() =>
        {
            _writer.Flush();
            _crc.Reset();
            MessagePackWriter w = _writer;
            w.WriteMapHeader(14);
            w.WriteString("length");
            w.WriteInt64(episode.Length);
            w.WriteString("observation_size");
            w.WriteInt64(episode.ObservationSize);
            w.WriteString("observation_dtype");
            w.WriteString(bytes is null ? LittleEndianArrays.DType<float>() : LittleEndianArrays.DType<byte>());
            w.WriteString("action_size");
            w.WriteInt64(episode.ActionSize);
            w.WriteString("action_dtype");
            w.WriteString(LittleEndianArrays.DType<TAction>());
            w.WriteString("observations");
            if (bytes is null) w.WriteLittleEndianArray<float>(CollectionsMarshal.AsSpan(episode.Observations));
            else w.WriteLittleEndianArray<byte>(bytes);
            w.WriteString("actions");
            w.WriteLittleEndianArray<TAction>(CollectionsMarshal.AsSpan(episode.Actions));
            w.WriteString("rewards");
            w.WriteLittleEndianArray<float>(CollectionsMarshal.AsSpan(episode.Rewards));
            w.WriteString("terminated");
            w.WriteLittleEndianArray<bool>(CollectionsMarshal.AsSpan(episode.Terminated));
            w.WriteString("truncated");
            w.WriteLittleEndianArray<bool>(CollectionsMarshal.AsSpan(episode.Truncated));
            w.WriteString("infos");
            w.WriteArrayHeader(episode.Infos.Count);
            foreach (Dictionary<string, InfoValue> info in episode.Infos)
            {
                w.WriteMapHeader(info.Count);
                foreach (KeyValuePair<string, InfoValue> kv in info)
                {
                    w.WriteString(kv.Key);
                    WriteInfo(w, kv.Value);
                }
            }

            w.WriteString("labels");
            WriteStringMap(w, episode.Labels);
            w.WriteString("return");
            double total = 0;
            foreach (float r in episode.Rewards)
            {
                total += r;
            }

            w.WriteDouble(total);
            ChecksummedFile.WriteTrailer(w, _crc);
        });
        EpisodeCount++;
    }

    /// <summary>Commits the file (fsync, then rename over the target); after a failed write, discards it instead.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (!_faulted)
            {
                _writer.WriteMapHeader(1);
                _writer.WriteString("end_of_episodes");
                _writer.WriteInt64(EpisodeCount);
                _writer.Flush();
                _file.Flush(flushToDisk: true);
            }
        }
        catch
        {
            _faulted = true;
            throw;
        }
        finally
        {
            _writer.Dispose();
            _file.Dispose();
            if (_faulted)
            {
                File.Delete(_temp);
            }
            else
            {
                File.Move(_temp, _path, overwrite: true);
            }
        }
    }

    private byte[] ToBytes(ReadOnlySpan<float> observations)
    {
        var bytes = new byte[observations.Length];
        for (int i = 0; i < observations.Length; i++)
        {
            float v = observations[i];
            if (!(v >= 0 && v <= 255 && v == MathF.Floor(v)))
            {
                throw new ArgumentException($"Episode {EpisodeCount} observation value {i} is {v}; byte observations must be integers in [0, 255].", "episode");
            }

            bytes[i] = (byte)v;
        }

        return bytes;
    }

    internal static void WriteInfo(MessagePackWriter w, InfoValue value)
    {
        switch (value.Kind)
        {
            case InfoValueKind.None: w.WriteNil(); break;
            case InfoValueKind.Boolean: w.WriteBoolean(value.AsBoolean()); break;
            case InfoValueKind.Integer: w.WriteInt64(value.AsInt64()); break;
            case InfoValueKind.Float: w.WriteDouble(value.AsDouble()); break;
            default: w.WriteString(value.AsString()); break;
        }
    }

    private static void WriteStringMap(MessagePackWriter w, IReadOnlyDictionary<string, string>? map)
    {
        if (map is null)
        {
            w.WriteMapHeader(0);
            return;
        }

        w.WriteMapHeader(map.Count);
        foreach (KeyValuePair<string, string> kv in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteString(kv.Key);
            w.WriteString(kv.Value);
        }
    }

    private void Guarded(Action write)
    {
        try
        {
            write();
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }
}
