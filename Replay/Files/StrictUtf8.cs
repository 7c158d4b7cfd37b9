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
        if (value.AsSpan().IndexOfAnyInRange('\ud800', '\udfff') >= 0)
        {
            try
            {
                Encoding.GetByteCount(value); // surrogates present: throws unless every one is half of a pair
            }
            catch (EncoderFallbackException e)
            {
                throw new ArgumentException($"String \"{value}\" is not valid UTF-16 ({e.Message}); expected text that UTF-8 can encode.", nameof(value), e);
            }
        }

        writer.Write(value);
    }
}
