namespace RlFramework.Replay.MessagePack;

/// <summary>Thrown when MessagePack data is truncated, malformed or not of the expected type; carries the byte offset.</summary>
public sealed class MessagePackFormatException : FormatException
{
    /// <summary>Creates the exception for a problem found at <paramref name="offset"/> bytes from the start of the data.</summary>
    public MessagePackFormatException(long offset, string message)
        : base($"MessagePack data at byte offset {offset}: {message}")
    {
        Offset = offset;
    }

    /// <summary>Byte offset (from the start of the data the reader was given) where the problem was found.</summary>
    public long Offset { get; }
}
