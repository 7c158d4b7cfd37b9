using MessagePack;

namespace RlFramework.Replay.Files;

/// <summary>The exceptions MessagePack-CSharp's reader raises on malformed, truncated or out-of-range data.</summary>
internal static class DecodeErrors
{
    /// <summary>True for a decoding error: a wrong or invalid type code, data that ends early, an integer out of range.</summary>
    public static bool Is(Exception e) => e is MessagePackSerializationException or EndOfStreamException or OverflowException;
}
