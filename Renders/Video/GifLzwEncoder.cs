namespace RlFramework.Renders.Video;

/// <summary>
/// GIF's variable-length LZW (GIF89a spec, appendix F): codes of 3–12 bits packed LSB first,
/// clear code at the start and whenever the 4096-entry table fills, end-of-information at the end,
/// emitted as data sub-blocks of at most 255 bytes followed by a zero-length terminator.
/// The string table is an open-addressing hash keyed by (prefix code, next index) with generation
/// stamps, so a reset costs nothing.
/// </summary>
internal sealed class GifLzwEncoder
{
    private const int MaxCodes = 4096;
    private const int HashBits = 13;
    private const int HashSize = 1 << HashBits;

    private readonly int[] hashKeys = new int[HashSize];
    private readonly int[] hashStamps = new int[HashSize];
    private readonly short[] hashCodes = new short[HashSize];
    private readonly byte[] block = new byte[256];
    private int stamp;
    private int blockLength;
    private ulong bitBuffer;
    private int bitCount;
    private Stream output = Stream.Null;

    /// <summary>Writes the minimum code size byte, the LZW data sub-blocks and the block terminator.</summary>
    /// <param name="indices">Colour indices, each below 2^<paramref name="minCodeSize"/>.</param>
    /// <param name="minCodeSize">LZW minimum code size, 2–8.</param>
    /// <param name="stream">Destination.</param>
    internal void Encode(ReadOnlySpan<byte> indices, int minCodeSize, Stream stream)
    {
        if (minCodeSize is < 2 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(minCodeSize), minCodeSize, "LZW minimum code size must be 2–8.");
        }

        output = stream;
        stream.WriteByte((byte)minCodeSize);
        blockLength = 0;
        bitBuffer = 0;
        bitCount = 0;

        var clear = 1 << minCodeSize;
        var end = clear + 1;
        var codeSize = minCodeSize + 1;
        var next = end + 1;
        ResetTable();
        Emit(clear, codeSize);

        if (indices.Length > 0)
        {
            int prefix = indices[0];
            for (var i = 1; i < indices.Length; i++)
            {
                int k = indices[i];
                var key = (prefix << 8) | k;
                var slot = Find(key);
                if (hashStamps[slot] == stamp)
                {
                    prefix = hashCodes[slot];
                    continue;
                }

                Emit(prefix, codeSize);
                if (next < MaxCodes)
                {
                    hashStamps[slot] = stamp;
                    hashKeys[slot] = key;
                    hashCodes[slot] = (short)next;
                    if (next == (1 << codeSize) && codeSize < 12)
                    {
                        codeSize++;
                    }

                    next++;
                }
                else
                {
                    Emit(clear, codeSize);
                    ResetTable();
                    codeSize = minCodeSize + 1;
                    next = end + 1;
                }

                prefix = k;
            }

            Emit(prefix, codeSize);

            // The decoder adds one more entry when it reads that last code; if that entry fills the
            // current code width, it reads the end code one bit wider, so write it that way.
            if (next == (1 << codeSize) && codeSize < 12)
            {
                codeSize++;
            }
        }

        Emit(end, codeSize);
        if (bitCount > 0)
        {
            PutByte((byte)bitBuffer);
            bitBuffer = 0;
            bitCount = 0;
        }

        FlushBlock();
        stream.WriteByte(0);
        output = Stream.Null;
    }

    private void ResetTable()
    {
        stamp++;
        if (stamp == int.MaxValue)
        {
            Array.Clear(hashStamps);
            stamp = 1;
        }
    }

    private int Find(int key)
    {
        var slot = (int)(((uint)key * 2654435761u) >> (32 - HashBits));
        while (hashStamps[slot] == stamp && hashKeys[slot] != key)
        {
            slot = (slot + 1) & (HashSize - 1);
        }

        return slot;
    }

    private void Emit(int code, int size)
    {
        bitBuffer |= (ulong)code << bitCount;
        bitCount += size;
        while (bitCount >= 8)
        {
            PutByte((byte)bitBuffer);
            bitBuffer >>= 8;
            bitCount -= 8;
        }
    }

    private void PutByte(byte b)
    {
        block[++blockLength] = b;
        if (blockLength == 255)
        {
            FlushBlock();
        }
    }

    private void FlushBlock()
    {
        if (blockLength == 0)
        {
            return;
        }

        block[0] = (byte)blockLength;
        output.Write(block, 0, blockLength + 1);
        blockLength = 0;
    }
}
