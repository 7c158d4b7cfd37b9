using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace RlFramework.Models.Serialization;

/// <summary>
/// Reader/writer of the safetensors format: 8-byte little-endian header length, a JSON header mapping names to
/// dtype/shape/data_offsets (plus a string-to-string <c>__metadata__</c> entry), then raw little-endian data.
/// </summary>
public static class SafeTensors
{
    /// <summary>Writes tensors (float32, "F32") and metadata atomically (temp file, fsync, rename).</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var names = tensors.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        using var headerStream = new MemoryStream();
        using (var w = new Utf8JsonWriter(headerStream))
        {
            w.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                w.WriteStartObject("__metadata__");
                foreach (var (k, v) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteString(k, v);
                w.WriteEndObject();
            }
            long offset = 0;
            foreach (var name in names)
            {
                if (name == "__metadata__") throw new ArgumentException("safetensors: '__metadata__' is reserved and cannot name a tensor");
                var t = tensors[name];
                w.WriteStartObject(name);
                w.WriteString("dtype", "F32");
                w.WriteStartArray("shape");
                foreach (var d in t._shape) w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                offset += 4L * t._numel;
                w.WriteNumberValue(offset);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        var header = headerStream.ToArray();
        int padded = (header.Length + 7) / 8 * 8;
        AtomicFile.Write(path, fs =>
        {
            Span<byte> len = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)padded);
            fs.Write(len);
            fs.Write(header);
            for (int i = header.Length; i < padded; i++) fs.WriteByte((byte)' ');
            foreach (var name in names)
            {
                var span = tensors[name].Span;
                if (BitConverter.IsLittleEndian)
                {
                    fs.Write(MemoryMarshal.AsBytes(span));
                }
                else
                {
                    var buf = new byte[4];
                    foreach (var v in span) { BinaryPrimitives.WriteSingleLittleEndian(buf, v); fs.Write(buf); }
                }
            }
        });
    }

    /// <summary>Reads every tensor and the metadata; throws <see cref="InvalidDataException"/> on a malformed or truncated file.</summary>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8) throw new InvalidDataException($"safetensors '{path}': truncated file ({bytes.Length} bytes, the 8-byte header length is missing)");
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (n > (ulong)(bytes.Length - 8)) throw new InvalidDataException($"safetensors '{path}': truncated file (header claims {n} bytes, only {bytes.Length - 8} follow)");
        int dataStart = 8 + (int)n;
        long dataLen = bytes.Length - dataStart;
        var tensors = new Dictionary<string, Tensor>();
        var meta = new Dictionary<string, string>();
        JsonDocument doc;
        try { doc = JsonDocument.Parse(bytes.AsMemory(8, (int)n)); }
        catch (JsonException e) { throw new InvalidDataException($"safetensors '{path}': header is not valid JSON ({e.Message})", e); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"safetensors '{path}': header is not a JSON object");
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                if (prop.Name == "__metadata__")
                {
                    foreach (var m in prop.Value.EnumerateObject())
                        meta[m.Name] = m.Value.ValueKind == JsonValueKind.String ? m.Value.GetString()! : throw new InvalidDataException($"safetensors '{path}': metadata value '{m.Name}' is not a string");
                    continue;
                }
                var e = prop.Value;
                string dtype = e.TryGetProperty("dtype", out var dt) ? dt.GetString() ?? "" : throw new InvalidDataException($"safetensors '{path}': tensor '{prop.Name}' has no dtype");
                if (dtype != "F32") throw new InvalidDataException($"safetensors '{path}': tensor '{prop.Name}' has dtype {dtype}, expected F32");
                if (!e.TryGetProperty("shape", out var sh) || !e.TryGetProperty("data_offsets", out var off))
                    throw new InvalidDataException($"safetensors '{path}': tensor '{prop.Name}' lacks shape or data_offsets");
                var shape = sh.EnumerateArray().Select(x => x.GetInt32()).ToArray();
                var offs = off.EnumerateArray().Select(x => x.GetInt64()).ToArray();
                if (offs.Length != 2 || offs[0] < 0 || offs[1] < offs[0]) throw new InvalidDataException($"safetensors '{path}': tensor '{prop.Name}' has invalid data_offsets");
                long numel = 1;
                foreach (var d in shape) { if (d < 0) throw new InvalidDataException($"safetensors '{path}': tensor '{prop.Name}' has a negative dimension"); numel *= d; }
                if (offs[1] - offs[0] != numel * 4)
                    throw new InvalidDataException($"safetensors '{path}': tensor '{prop.Name}' of shape {Tensor.ShapeString(shape)} needs {numel * 4} bytes but data_offsets span {offs[1] - offs[0]}");
                if (offs[1] > dataLen)
                    throw new InvalidDataException($"safetensors '{path}': truncated file (tensor '{prop.Name}' ends at byte {offs[1]} of the data section, which has {dataLen} bytes)");
                var data = new float[numel];
                var src = bytes.AsSpan(dataStart + (int)offs[0], (int)(numel * 4));
                if (BitConverter.IsLittleEndian) MemoryMarshal.Cast<byte, float>(src).CopyTo(data);
                else for (int i = 0; i < numel; i++) data[i] = BinaryPrimitives.ReadSingleLittleEndian(src[(i * 4)..]);
                tensors[prop.Name] = new Tensor(data, 0, shape, owner: false, register: false);
            }
        }
        return (tensors, meta);
    }

}
