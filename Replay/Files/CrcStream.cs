using System.IO.Hashing;

namespace RlFramework.Replay.Files;

/// <summary>A write-only pass-through stream that keeps the CRC-32 of everything written through it.</summary>
internal sealed class CrcStream(Stream inner) : Stream
{
    private readonly Crc32 _crc = new();

    /// <summary>The CRC-32 of every byte written so far.</summary>
    public uint Crc => _crc.GetCurrentHashAsUInt32();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _crc.Append(buffer);
        inner.Write(buffer);
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
