using System.IO.Hashing;
using MessagePack;
using RlFramework.Replay.Files;

namespace RlFramework.Replay.Episodes;

/// <summary>
/// Reads an episode file written by <see cref="EpisodeWriter"/>. Each episode's CRC-32 is checked; a truncated or
/// corrupt file is refused with <see cref="InvalidDataException"/> naming the episode and byte offset. Episodes
/// LZ4-compressed by the writer are decompressed on the fly.
/// </summary>
public sealed class EpisodeReader : IDisposable
{
    private readonly string _path;
    private readonly byte[] _bytes;
    private int _offset;
    private bool _finished;
    private bool _disposed;

    /// <summary>Opens <paramref name="path"/> and reads its header.</summary>
    public EpisodeReader(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
        _bytes = File.ReadAllBytes(path);
        var reader = new MessagePackReader(_bytes);
        try
        {
            int fields = reader.ReadMapHeader();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            string? format = null;
            long version = 0;
            for (int i = 0; i < fields; i++)
            {
                switch (reader.ReadString())
                {
                    case "format": format = reader.ReadString(); break;
                    case "version": version = reader.ReadInt64(); break;
                    case "metadata": ReadStringMap(ref reader, metadata); break;
                    default: reader.Skip(); break;
                }
            }

            if (format != EpisodeFile.Format)
            {
                throw new InvalidDataException($"File '{path}' holds '{format ?? "(no format)"}'; expected '{EpisodeFile.Format}'.");
            }

            if (version < 1 || version > EpisodeFile.Version)
            {
                throw new InvalidDataException($"File '{path}' has episode format version {version}; this build reads versions 1..{EpisodeFile.Version}.");
            }

            Metadata = metadata;
            _offset = (int)reader.Consumed;
        }
        catch (Exception e) when (DecodeErrors.Is(e))
        {
            throw new InvalidDataException($"File '{path}' is truncated or not an episode file: {e.Message}", e);
        }
    }

    /// <summary>File-level metadata given to the writer.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Episodes read so far.</summary>
    public int EpisodesRead { get; private set; }

    /// <summary>Reads the next episode, or returns null at the end of the file.</summary>
    public Episode<TAction>? Read<TAction>()
        where TAction : unmanaged
    {
        Guard.ActionType<TAction>();
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_finished)
        {
            return null;
        }

        int start = _offset;
        int index = EpisodesRead;
        if (start >= _bytes.Length)
        {
            throw new InvalidDataException($"File '{_path}' is truncated: it ends after {index} episodes at byte offset {start} without its end marker.");
        }

        try
        {
            var reader = new MessagePackReader(_bytes.AsMemory(start));
            Episode<TAction>? episode;
            if (reader.NextMessagePackType == MessagePackType.Array)
            {
                ReadOnlyMemory<byte> map = Lz4BlockArray.Read(ref reader);
                var inner = new MessagePackReader(map);
                episode = ReadEpisode<TAction>(ref inner, map.Span, index);
                if (!inner.End)
                {
                    throw Bad(index, $"its compressed data holds {map.Length - inner.Consumed} bytes after the episode map");
                }
            }
            else
            {
                episode = ReadEpisode<TAction>(ref reader, _bytes.AsSpan(start), index);
            }

            _offset = start + (int)reader.Consumed;
            if (episode is null)
            {
                if (_offset != _bytes.Length)
                {
                    throw new InvalidDataException($"File '{_path}' has unexpected data after its end marker at byte offset {_offset}.");
                }

                _finished = true;
                return null;
            }

            EpisodesRead++;
            return episode;
        }
        catch (Exception e) when (DecodeErrors.Is(e))
        {
            throw new InvalidDataException($"File '{_path}' episode {index} (starting at byte offset {start}) is truncated or malformed: {e.Message}", e);
        }
    }

    /// <summary>Reads all remaining episodes.</summary>
    public List<Episode<TAction>> ReadAll<TAction>()
        where TAction : unmanaged
    {
        var all = new List<Episode<TAction>>();
        while (Read<TAction>() is { } episode)
        {
            all.Add(episode);
        }

        return all;
    }

    /// <summary>Ends reading; later reads throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => _disposed = true;

    /// <summary>Reads one episode map (or the end marker, returning null) whose bytes begin <paramref name="map"/>.</summary>
    private Episode<TAction>? ReadEpisode<TAction>(ref MessagePackReader r, ReadOnlySpan<byte> map, int index)
        where TAction : unmanaged
    {
        int fields = r.ReadMapHeader();
        if (fields == 1 && r.ReadString() is string first)
        {
            if (first != "end_of_episodes")
            {
                throw Bad(index, $"found a one-field map with key '{first}'; expected an episode or the end marker");
            }

            long count = r.ReadInt64();
            if (count != index)
            {
                throw Bad(index, $"the end marker counts {count} episodes but {index} were read");
            }

            return null;
        }

        int length = -1, o = -1, a = -1;
        bool byteObservations = false;
        Episode<TAction>? episode = null;
        bool sawCrc = false;
        for (int i = 0; i < fields; i++)
        {
            long keyAt = r.Consumed;
            string? key = r.ReadString();
            switch (key)
            {
                case "length": length = Count(r.ReadInt32(), key, index); break;
                case "observation_size": o = Count(r.ReadInt32(), key, index); break;
                case "action_size": a = Count(r.ReadInt32(), key, index); break;
                case "observation_dtype":
                    {
                        string? dtype = r.ReadString();
                        byteObservations = dtype == LittleEndianArrays.DType<byte>();
                        if (!byteObservations)
                        {
                            ExpectDType(dtype, LittleEndianArrays.DType<float>(), key, index);
                        }

                        break;
                    }

                case "action_dtype":
                    ExpectDType(r.ReadString(), LittleEndianArrays.DType<TAction>(), key, index);
                    if (length < 0 || o < 1 || a < 1)
                    {
                        throw Bad(index, "length, observation_size and action_size must come before the arrays");
                    }

                    episode = new Episode<TAction>(o, a);
                    break;
                case "observations" when byteObservations: ReadBytesAsFloats(ref r, Need(episode, index).Observations, (length + 1) * o); break;
                case "observations": ReadList(ref r, Need(episode, index).Observations, (length + 1) * o); break;
                case "actions": ReadList(ref r, Need(episode, index).Actions, length * a); break;
                case "rewards": ReadList(ref r, Need(episode, index).Rewards, length); break;
                case "terminated": ReadList(ref r, Need(episode, index).Terminated, length); break;
                case "truncated": ReadList(ref r, Need(episode, index).Truncated, length); break;
                case "infos": ReadInfos(ref r, Need(episode, index), length, index); break;
                case "labels": ReadStringMap(ref r, Need(episode, index).Labels); break;
                case "crc32":
                    {
                        uint stored = (uint)r.ReadUInt64();
                        uint computed = Crc32.HashToUInt32(map[..(int)keyAt]);
                        if (stored != computed)
                        {
                            throw new InvalidDataException($"File '{_path}' episode {index} (byte offset {_offset}) is corrupt: stored CRC-32 0x{stored:x8}, content has 0x{computed:x8}.");
                        }

                        sawCrc = true;
                        break;
                    }

                default: r.Skip(); break;
            }
        }

        if (!sawCrc)
        {
            throw Bad(index, "it has no crc32 entry");
        }

        Episode<TAction> result = Need(episode, index);
        try
        {
            result.Validate();
        }
        catch (InvalidOperationException e)
        {
            throw Bad(index, e.Message);
        }

        return result;
    }

    private static void ReadList<T>(ref MessagePackReader r, List<T> list, int count)
        where T : unmanaged
    {
        var values = new T[count];
        r.ReadLittleEndianArray<T>(values);
        list.AddRange(values);
    }

    private static void ReadBytesAsFloats(ref MessagePackReader r, List<float> list, int count)
    {
        var values = new byte[count];
        r.ReadLittleEndianArray<byte>(values);
        list.EnsureCapacity(list.Count + count);
        foreach (byte b in values)
        {
            list.Add(b);
        }
    }

    private void ReadInfos<TAction>(ref MessagePackReader r, Episode<TAction> episode, int length, int index)
        where TAction : unmanaged
    {
        int n = r.ReadArrayHeader();
        if (n != length)
        {
            throw Bad(index, $"it has {n} info maps for {length} steps");
        }

        for (int t = 0; t < n; t++)
        {
            int entries = r.ReadMapHeader();
            var info = new Dictionary<string, InfoValue>(entries, StringComparer.Ordinal);
            for (int k = 0; k < entries; k++)
            {
                string key = r.ReadString() ?? throw Bad(index, $"an info key of step {t} is nil; expected a string");
                long at = r.Consumed;
                InfoValue value = r.NextMessagePackType switch
                {
                    MessagePackType.Nil => ReadNil(ref r),
                    MessagePackType.Boolean => r.ReadBoolean(),
                    MessagePackType.Integer => r.ReadInt64(),
                    MessagePackType.Float => r.ReadDouble(),
                    MessagePackType.String => r.ReadString()!,
                    MessagePackType other => throw Bad(index, $"info '{key}' of step {t} at byte offset {at} of the episode is {other}; expected a scalar (nil, bool, integer, float or string)"),
                };
                info[key] = value;
            }

            episode.Infos.Add(info);
        }
    }

    private static InfoValue ReadNil(ref MessagePackReader r)
    {
        r.ReadNil();
        return InfoValue.None;
    }

    private static void ReadStringMap(ref MessagePackReader r, Dictionary<string, string> into)
    {
        int n = r.ReadMapHeader();
        for (int i = 0; i < n; i++)
        {
            long at = r.Consumed;
            string? key = r.ReadString();
            string? value = r.ReadString();
            into[key ?? throw new MessagePackSerializationException($"nil key at byte offset {at}; expected a string")] =
                value ?? throw new MessagePackSerializationException($"nil value of '{key}'; expected a string");
        }
    }

    private int Count(int value, string key, int index) =>
        value >= 0 ? value : throw Bad(index, $"'{key}' is {value}; expected a non-negative count");

    private void ExpectDType(string? found, string expected, string key, int index)
    {
        if (found != expected)
        {
            throw Bad(index, $"'{key}' is '{found}'; expected '{expected}' for this reader's types");
        }
    }

    private Episode<TAction> Need<TAction>(Episode<TAction>? episode, int index)
        where TAction : unmanaged =>
        episode ?? throw Bad(index, "its arrays come before its sizes and dtypes");

    private InvalidDataException Bad(int index, string what) => new($"File '{_path}' episode {index}: {what}.");
}
