namespace RlFramework.Renders.Video;

/// <summary>A small open-addressing map from 24-bit RGB to a palette index (≤ 256 entries), cleared in O(1).</summary>
internal sealed class GifColorMap
{
    private const int Bits = 10;
    private const int Size = 1 << Bits;

    private readonly int[] keys = new int[Size];
    private readonly int[] stamps = new int[Size];
    private readonly byte[] values = new byte[Size];
    private int stamp = 1;

    /// <summary>Removes every entry.</summary>
    internal void Clear()
    {
        stamp++;
        if (stamp == int.MaxValue)
        {
            Array.Clear(stamps);
            stamp = 1;
        }
    }

    /// <summary>Looks up <paramref name="rgb"/>.</summary>
    internal bool TryGet(int rgb, out byte index)
    {
        var slot = Slot(rgb);
        while (stamps[slot] == stamp)
        {
            if (keys[slot] == rgb)
            {
                index = values[slot];
                return true;
            }

            slot = (slot + 1) & (Size - 1);
        }

        index = 0;
        return false;
    }

    /// <summary>Adds <paramref name="rgb"/> (not present yet) with <paramref name="index"/>.</summary>
    internal void Add(int rgb, byte index)
    {
        var slot = Slot(rgb);
        while (stamps[slot] == stamp)
        {
            slot = (slot + 1) & (Size - 1);
        }

        stamps[slot] = stamp;
        keys[slot] = rgb;
        values[slot] = index;
    }

    private static int Slot(int rgb) => (int)(((uint)rgb * 2654435761u) >> (32 - Bits));
}
