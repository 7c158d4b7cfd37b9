using System.Buffers;
using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;

namespace RlFramework.Replay.Files;

/// <summary>
/// MessagePack-CSharp's LZ4 compression (<see cref="MessagePackCompression.Lz4BlockArray"/>) applied to one already
/// encoded MessagePack value: <c>[ext 98 (uncompressed chunk lengths), bin, bin, ...]</c>, layout in docs/episode-format.md.
/// Values under 64 bytes stay as they are (MessagePack-CSharp's threshold); <see cref="Read"/> returns either form.
/// </summary>
internal static class Lz4BlockArray
{
    private static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard
        .WithResolver(CompositeResolver.Create([new EncodedFormatter()], []))
        .WithCompression(MessagePackCompression.Lz4BlockArray);

    /// <summary>Writes <paramref name="encoded"/> (one complete MessagePack value) LZ4-compressed.</summary>
    public static void Write(ref MessagePackWriter writer, ReadOnlyMemory<byte> encoded) =>
        MessagePackSerializer.Serialize(ref writer, new Encoded(encoded), Options);

    /// <summary>Reads the next value, decompressing it if it is an LZ4 block array, and returns its MessagePack bytes.</summary>
    public static ReadOnlyMemory<byte> Read(ref MessagePackReader reader) =>
        MessagePackSerializer.Deserialize<Encoded>(ref reader, Options).Bytes;

    /// <summary>One complete MessagePack value, already encoded.</summary>
    private readonly record struct Encoded(ReadOnlyMemory<byte> Bytes);

    /// <summary>Copies an <see cref="Encoded"/> value's bytes in and out as they are.</summary>
    private sealed class EncodedFormatter : IMessagePackFormatter<Encoded>
    {
        public void Serialize(ref MessagePackWriter writer, Encoded value, MessagePackSerializerOptions options) => writer.WriteRaw(value.Bytes.Span);

        // The decompressed bytes live in a pooled buffer that is returned after this call: copy them.
        public Encoded Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) => new(reader.ReadRaw().ToArray());
    }
}
