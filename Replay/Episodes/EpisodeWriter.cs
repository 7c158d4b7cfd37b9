using System.Buffers;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using MessagePack;
using RlFramework.Replay.Files;

namespace RlFramework.Replay.Episodes;

/// <summary>
/// Writes an episode file: a header object, one MessagePack map per episode (each ending with its CRC-32), and an
/// end marker <c>{"end_of_episodes": N}</c>; layout in docs/episode-format.md. Encoded with MessagePack-CSharp; with
/// <c>compress</c>, each episode map is LZ4-compressed (MessagePack-CSharp's Lz4BlockArray). The file appears atomically
/// when the writer is disposed (temp file, fsync, rename); if a write failed, disposing discards the temp file instead.
/// </summary>
public sealed class EpisodeWriter : IDisposable
{
    private readonly AtomicFile _target;
    private readonly FileStream _file;
    private readonly StreamBufferWriter _sink;
    private readonly ArrayBufferWriter<byte> _episode = new(1 << 16);
    private readonly bool _byteObservations;
    private readonly bool _compress;
    private bool _faulted;
    private bool _disposed;

    /// <summary>Starts a new episode file at <paramref name="path"/> with optional file-level <paramref name="metadata"/>.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="metadata">File-level string metadata.</param>
    /// <param name="byteObservations">
    /// Store observations as bytes (<c>"|u1"</c>, a quarter of the size), for pixel observations: every observation
    /// value must then be an integer in [0, 255]. Readers return them as floats.
    /// </param>
    /// <param name="compress">
    /// LZ4-compress each episode (MessagePack-CSharp's Lz4BlockArray; the header gets <c>"compression": "lz4"</c>).
    /// <see cref="EpisodeReader"/> reads both kinds; Python needs python3-lz4 (docs/episode-format.md).
    /// </param>
    public EpisodeWriter(string path, IReadOnlyDictionary<string, string>? metadata = null, bool byteObservations = false, bool compress = false)
    {
        _byteObservations = byteObservations;
        _compress = compress;
        _target = AtomicFile.Begin(path);
        _file = _target.OpenWrite();
        _sink = new StreamBufferWriter(_file);
        Guarded(() =>
        {
            var w = new MessagePackWriter(_sink);
            w.WriteMapHeader(compress ? 4 : 3);
            w.Write("format");
            w.Write(EpisodeFile.Format);
            w.Write("version");
            w.Write(EpisodeFile.Version);
            w.Write("metadata");
            WriteStringMap(ref w, metadata);
            if (compress)
            {
                w.Write("compression");
                w.Write(EpisodeFile.Lz4);
            }

            w.Flush();
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
            throw new InvalidOperationException($"An earlier write to '{_target.FinalPath}' failed; the file will not be committed.");
        }

        episode.Validate();
        byte[]? bytes = _byteObservations ? ToBytes(CollectionsMarshal.AsSpan(episode.Observations)) : null;
        Guarded(() =>
        {
            _episode.ResetWrittenCount();
            var w = new MessagePackWriter(_episode);
            w.WriteMapHeader(14);
            w.Write("length");
            w.Write(episode.Length);
            w.Write("observation_size");
            w.Write(episode.ObservationSize);
            w.Write("observation_dtype");
            w.Write(bytes is null ? LittleEndianArrays.DType<float>() : LittleEndianArrays.DType<byte>());
            w.Write("action_size");
            w.Write(episode.ActionSize);
            w.Write("action_dtype");
            w.Write(LittleEndianArrays.DType<TAction>());
            w.Write("observations");
            if (bytes is null) w.WriteLittleEndianArray<float>(CollectionsMarshal.AsSpan(episode.Observations));
            else w.WriteLittleEndianArray<byte>(bytes);
            w.Write("actions");
            w.WriteLittleEndianArray<TAction>(CollectionsMarshal.AsSpan(episode.Actions));
            w.Write("rewards");
            w.WriteLittleEndianArray<float>(CollectionsMarshal.AsSpan(episode.Rewards));
            w.Write("terminated");
            w.WriteLittleEndianArray<bool>(CollectionsMarshal.AsSpan(episode.Terminated));
            w.Write("truncated");
            w.WriteLittleEndianArray<bool>(CollectionsMarshal.AsSpan(episode.Truncated));
            w.Write("infos");
            w.WriteArrayHeader(episode.Infos.Count);
            foreach (Dictionary<string, InfoValue> info in episode.Infos)
            {
                w.WriteMapHeader(info.Count);
                foreach (KeyValuePair<string, InfoValue> kv in info)
                {
                    w.WriteStrict(kv.Key);
                    WriteInfo(ref w, kv.Value);
                }
            }

            w.Write("labels");
            WriteStringMap(ref w, episode.Labels);
            w.Write("return");
            double total = 0;
            foreach (float r in episode.Rewards)
            {
                total += r;
            }

            w.Write(total);
            w.Flush();
            _episode.Write(ChecksummedFile.Trailer(Crc32.HashToUInt32(_episode.WrittenSpan)));
            var file = new MessagePackWriter(_sink);
            if (_compress)
            {
                Lz4BlockArray.Write(ref file, _episode.WrittenMemory);
            }
            else
            {
                file.WriteRaw(_episode.WrittenSpan);
            }

            file.Flush();
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
                var w = new MessagePackWriter(_sink);
                w.WriteMapHeader(1);
                w.Write("end_of_episodes");
                w.Write(EpisodeCount);
                w.Flush();
                _sink.Flush();
                _target.Commit(_file);
            }
        }
        catch
        {
            _faulted = true;
            throw;
        }
        finally
        {
            if (_faulted)
            {
                _target.Abort(_file);
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

    private static void WriteInfo(ref MessagePackWriter w, InfoValue value)
    {
        switch (value.Kind)
        {
            case InfoValueKind.None: w.WriteNil(); break;
            case InfoValueKind.Boolean: w.Write(value.AsBoolean()); break;
            case InfoValueKind.Integer: w.Write(value.AsInt64()); break;
            case InfoValueKind.Float: w.Write(value.AsDouble()); break;
            default: w.WriteStrict(value.AsString()); break;
        }
    }

    private static void WriteStringMap(ref MessagePackWriter w, IReadOnlyDictionary<string, string>? map)
    {
        if (map is null)
        {
            w.WriteMapHeader(0);
            return;
        }

        w.WriteMapHeader(map.Count);
        foreach (KeyValuePair<string, string> kv in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteStrict(kv.Key);
            w.WriteStrict(kv.Value);
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
