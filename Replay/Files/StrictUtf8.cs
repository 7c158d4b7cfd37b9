using System.Buffers;
using System.Text;
using MessagePack;

namespace RlFramework.Replay.Files;

/// <summary>
/// Writes user strings (labels, metadata, info values) as MessagePack strings, refusing text that is not valid UTF-16
/// (a lone surrogate): MessagePack-CSharp's own string writer would silently replace it with U+FFFD.
/// </summary>
internal static class StrictUtf8
{
    private static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes <paramref name="value"/> as a MessagePack string (fixstr, str8, str16 or str32 by length).</summary>
    public static void WriteStrict(ref this MessagePackWriter writer, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int length;
        try
        {
            length = Encoding.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"String \"{value}\" is not valid UTF-16 ({e.Message}); expected text that UTF-8 can encode.", nameof(value), e);
        }

        byte[] bytes = ArrayPool<byte>.Shared.Rent(length);
        Encoding.GetBytes(value, bytes);
        writer.WriteString(bytes.AsSpan(0, length));
        ArrayPool<byte>.Shared.Return(bytes);
    }
}
