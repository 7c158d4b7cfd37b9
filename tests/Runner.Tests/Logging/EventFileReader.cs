using System.Buffers.Binary;
using System.Text;

namespace RlFramework.Runner.Tests.Logging;

/// <summary>One decoded TensorBoard event: wall time, step, and either the file version or the scalar values.</summary>
internal sealed record DecodedEvent(double WallTime, long Step, string? FileVersion, IReadOnlyList<(string Tag, float Value)> Values, int? SessionStatus = null);

/// <summary>
/// Reads an event file without the production code: TFRecord framing and both masked CRC-32Cs checked with
/// <see cref="Crc32CTests.Reference"/>, protobuf wire format decoded by hand (Event 1 wall_time, 2 step, 3 file_version,
/// 5 summary, 7 session_log (SessionLog 1 status); Summary 1 value; Value 1 tag, 2 simple_value).
/// </summary>
internal static class EventFileReader
{
    public static List<DecodedEvent> Read(string path)
    {
        var bytes = ReadShared(path);
        var events = new List<DecodedEvent>();
        int at = 0;
        while (at < bytes.Length)
        {
            Assert.True(bytes.Length - at >= 12, $"truncated record header at byte {at}");
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at));
            Assert.Equal(Masked(bytes.AsSpan(at, 8)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8)));
            at += 12;
            Assert.True((ulong)(bytes.Length - at) >= length + 4, $"truncated record data at byte {at}");
            var data = bytes.AsSpan(at, (int)length);
            Assert.Equal(Masked(data), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + (int)length)));
            events.Add(ParseEvent(data));
            at += (int)length + 4;
        }

        return events;
    }

    /// <summary>Reads a file another handle may still be writing.</summary>
    public static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static uint Masked(ReadOnlySpan<byte> data)
    {
        uint crc = Crc32CTests.Reference(data);
        return unchecked(((crc >> 15) | (crc << 17)) + 0xa282ead8u);
    }

    private static DecodedEvent ParseEvent(ReadOnlySpan<byte> data)
    {
        double wallTime = 0;
        long step = 0;
        string? version = null;
        int? session = null;
        var values = new List<(string, float)>();
        int at = 0;
        while (at < data.Length)
        {
            var (field, wire) = Key(data, ref at);
            switch (field, wire)
            {
                case (1, 1):
                    wallTime = BinaryPrimitives.ReadDoubleLittleEndian(data[at..]);
                    at += 8;
                    break;
                case (2, 0):
                    step = (long)Varint(data, ref at);
                    break;
                case (3, 2):
                    version = Encoding.UTF8.GetString(Delimited(data, ref at));
                    break;
                case (5, 2):
                    ParseSummary(Delimited(data, ref at), values);
                    break;
                case (7, 2):
                    session = ParseSessionStatus(Delimited(data, ref at));
                    break;
                default:
                    Assert.Fail($"unexpected Event field {field} (wire type {wire})");
                    break;
            }
        }

        return new DecodedEvent(wallTime, step, version, values, session);
    }

    private static void ParseSummary(ReadOnlySpan<byte> data, List<(string, float)> values)
    {
        int at = 0;
        while (at < data.Length)
        {
            var (field, wire) = Key(data, ref at);
            Assert.Equal((1, 2), (field, wire));
            var value = Delimited(data, ref at);
            string tag = "";
            float simple = float.NaN;
            int inner = 0;
            while (inner < value.Length)
            {
                var (f, w) = Key(value, ref inner);
                if ((f, w) == (1, 2))
                {
                    tag = Encoding.UTF8.GetString(Delimited(value, ref inner));
                }
                else if ((f, w) == (2, 5))
                {
                    simple = BinaryPrimitives.ReadSingleLittleEndian(value[inner..]);
                    inner += 4;
                }
                else
                {
                    Assert.Fail($"unexpected Summary.Value field {f} (wire type {w})");
                }
            }

            values.Add((tag, simple));
        }
    }

    private static int ParseSessionStatus(ReadOnlySpan<byte> data)
    {
        int at = 0;
        int status = 0;
        while (at < data.Length)
        {
            var (field, wire) = Key(data, ref at);
            Assert.Equal((1, 0), (field, wire));
            status = (int)Varint(data, ref at);
        }

        return status;
    }

    private static (int Field, int Wire) Key(ReadOnlySpan<byte> data, ref int at)
    {
        ulong key = Varint(data, ref at);
        return ((int)(key >> 3), (int)(key & 7));
    }

    private static ReadOnlySpan<byte> Delimited(ReadOnlySpan<byte> data, ref int at)
    {
        int length = (int)Varint(data, ref at);
        var slice = data.Slice(at, length);
        at += length;
        return slice;
    }

    private static ulong Varint(ReadOnlySpan<byte> data, ref int at)
    {
        ulong result = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = data[at++];
            result |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }
    }
}
