using System.Buffers;

namespace RlFramework.Replay.Files;

/// <summary>
/// The <see cref="IBufferWriter{T}"/> a MessagePack-CSharp <c>MessagePackWriter</c> writes into: one reused buffer,
/// written to <paramref name="stream"/> when it fills up or on <see cref="Flush"/>. Flush the MessagePackWriter
/// before flushing this, and start a new MessagePackWriter after.
/// </summary>
internal sealed class StreamBufferWriter(Stream stream, int bufferSize = 64 * 1024) : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[bufferSize];
    private int _used;

    /// <inheritdoc/>
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _used))
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Expected at most the {_buffer.Length - _used} bytes handed out.");
        }

        _used += count;
    }

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_used);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_used);
    }

    /// <summary>Writes the buffered bytes to the stream.</summary>
    public void Flush()
    {
        if (_used > 0)
        {
            stream.Write(_buffer, 0, _used);
            _used = 0;
        }
    }

    private void Reserve(int sizeHint)
    {
        int need = Math.Max(sizeHint, 1);
        if (_buffer.Length - _used >= need)
        {
            return;
        }

        Flush();
        if (_buffer.Length < need)
        {
            _buffer = new byte[need];
        }
    }
}
