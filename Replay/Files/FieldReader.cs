using MessagePack;

namespace RlFramework.Replay.Files;

/// <summary>Reads the fields of a checksummed file's top-level map by name, with errors naming the file and field.</summary>
internal ref struct FieldReader
{
    private readonly string _path;
    private readonly int _count;
    private int _read;

    /// <summary>The MessagePack-CSharp reader, positioned at the next field's value after <see cref="Expect"/>.</summary>
    public MessagePackReader Reader;

    /// <summary>Checks <paramref name="path"/>'s checksum and reads the header of its top-level map.</summary>
    public FieldReader(string path)
    {
        _path = path;
        Reader = ChecksummedFile.OpenVerified(path, out _count);
    }

    private FieldReader(string path, MessagePackReader reader, int count)
    {
        _path = path;
        Reader = reader;
        _count = count;
    }

    /// <summary>Reads the next key, which must be <paramref name="name"/>.</summary>
    public void Expect(string name)
    {
        if (_read >= _count)
        {
            throw new InvalidDataException($"File '{_path}' ends its fields before '{name}'.");
        }

        long at = Reader.Consumed;
        string? key;
        try
        {
            key = Reader.ReadString();
        }
        catch (Exception e) when (DecodeErrors.Is(e))
        {
            throw ChecksummedFile.Corrupt(_path, e);
        }

        if (key != name)
        {
            throw new InvalidDataException($"File '{_path}' has field '{key}' at byte offset {at}; expected '{name}'.");
        }

        _read++;
    }

    /// <summary>Reads the next key, which must be <paramref name="name"/>, and an array header of <paramref name="expected"/> elements.</summary>
    public void ArrayHeader(string name, int expected)
    {
        Expect(name);
        CheckElements(ReadHeader(map: false), expected, $"field '{name}'");
    }

    /// <summary>Reads field <paramref name="name"/>, an array of strings.</summary>
    public string[] Strings(string name)
    {
        Expect(name);
        var values = new string[ReadHeader(map: false)];
        try
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = Reader.ReadString() ?? throw new InvalidDataException($"File '{_path}' field '{name}'[{i}] is nil; expected a string.");
            }
        }
        catch (Exception e) when (DecodeErrors.Is(e))
        {
            throw ChecksummedFile.Corrupt(_path, e);
        }

        return values;
    }

    /// <summary>Reads the header of a map that is the next value (an element of an array field); read its fields with the result, then <see cref="Leave"/>.</summary>
    public FieldReader Enter(string what, int expectedFields)
    {
        int n = ReadHeader(map: true);
        CheckElements(n, expectedFields, what);
        return new FieldReader(_path, Reader, n);
    }

    /// <summary>Continues after a map read with the reader <see cref="Enter"/> returned, which must have read all its fields.</summary>
    public void Leave(FieldReader nested)
    {
        nested.End();
        Reader = nested.Reader;
    }

    /// <summary>The rows of the <c>bin</c> under the next key, which must be <paramref name="name"/>; consumes nothing.</summary>
    public int PeekRows(string name, int bytesPerRow)
    {
        MessagePackReader start = Reader;
        int read = _read;
        Expect(name);
        int length;
        try
        {
            length = Reader.PeekBinaryLength();
        }
        catch (Exception e) when (DecodeErrors.Is(e))
        {
            throw new InvalidDataException($"File '{_path}' field '{name}': {e.Message}", e);
        }

        Reader = start;
        _read = read;
        if (length % bytesPerRow != 0)
        {
            throw new InvalidDataException($"File '{_path}' field '{name}' holds {length} bytes; expected whole rows of {bytesPerRow} bytes.");
        }

        return length / bytesPerRow;
    }

    public string String(string name)
    {
        Expect(name);
        try
        {
            return Reader.ReadString() ?? throw new InvalidDataException($"File '{_path}' field '{name}' is nil; expected a string.");
        }
        catch (Exception e) when (DecodeErrors.Is(e))
        {
            throw ChecksummedFile.Corrupt(_path, e);
        }
    }

    public long Int64(string name)
    {
        Expect(name);
        try
        {
            return Reader.ReadInt64();
        }
        catch (Exception e) when (DecodeErrors.Is(e))
        {
            throw ChecksummedFile.Corrupt(_path, e);
        }
    }

    public int Int32(string name, int min = int.MinValue, int max = int.MaxValue)
    {
        long v = Int64(name);
        if (v < min || v > max)
        {
            throw new InvalidDataException($"File '{_path}' field '{name}' is {v}; expected a value in [{min}, {max}].");
        }

        return (int)v;
    }

    public double Double(string name)
    {
        Expect(name);
        try
        {
            return Reader.ReadDouble();
        }
        catch (Exception e) when (DecodeErrors.Is(e))
        {
            throw ChecksummedFile.Corrupt(_path, e);
        }
    }

    public void Array<T>(string name, Span<T> destination)
        where T : unmanaged
    {
        Expect(name);
        Value(name, destination);
    }

    /// <summary>Reads the next value, a <c>bin</c> of exactly <c>destination.Length</c> elements (an array element; <paramref name="what"/> names it in errors).</summary>
    public void Value<T>(string what, Span<T> destination)
        where T : unmanaged
    {
        try
        {
            Reader.ReadLittleEndianArray(destination);
        }
        catch (Exception e) when (DecodeErrors.Is(e))
        {
            throw new InvalidDataException($"File '{_path}' field '{what}': {e.Message}", e);
        }
    }

    /// <summary>Reads the <c>rng</c> field: the 4 uint64 words of the sampler's state.</summary>
    public (ulong, ulong, ulong, ulong) RandomState()
    {
        Expect("rng");
        try
        {
            int n = Reader.ReadArrayHeader();
            if (n != 4)
            {
                throw new InvalidDataException($"File '{_path}' field 'rng' has {n} words; expected 4.");
            }

            return (Reader.ReadUInt64(), Reader.ReadUInt64(), Reader.ReadUInt64(), Reader.ReadUInt64());
        }
        catch (Exception e) when (DecodeErrors.Is(e))
        {
            throw ChecksummedFile.Corrupt(_path, e);
        }
    }

    /// <summary>Reads <c>format</c> and <c>version</c>, refusing another format or a version outside 1..<paramref name="maxVersion"/>; returns the version.</summary>
    public int Format(string expectedFormat, int maxVersion)
    {
        string format = String("format");
        if (format != expectedFormat)
        {
            throw new InvalidDataException($"File '{_path}' holds '{format}'; expected '{expectedFormat}'.");
        }

        int version = Int32("version");
        if (version < 1 || version > maxVersion)
        {
            throw new InvalidDataException($"File '{_path}' has format version {version}; this build reads versions 1..{maxVersion}.");
        }

        return version;
    }

    /// <summary>Refuses a file whose fields were not all read.</summary>
    public void End()
    {
        if (_read != _count)
        {
            throw new InvalidDataException($"File '{_path}' has {_count} fields; {_read} were expected.");
        }
    }

    /// <summary>Reads an array (or map) header, naming the file in a decoding error.</summary>
    private int ReadHeader(bool map)
    {
        try
        {
            return map ? Reader.ReadMapHeader() : Reader.ReadArrayHeader();
        }
        catch (Exception e) when (DecodeErrors.Is(e))
        {
            throw ChecksummedFile.Corrupt(_path, e);
        }
    }

    private readonly void CheckElements(int count, int expected, string what)
    {
        if (count != expected)
        {
            throw new InvalidDataException($"File '{_path}' has {count} elements in {what}; expected {expected}.");
        }
    }
}
