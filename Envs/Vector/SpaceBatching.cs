using System.Numerics;
using System.Reflection;
using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Vector;

/// <summary>Builds the batched spaces of a vector env from its single spaces (Gymnasium's <c>batch_space</c>).</summary>
internal static class SpaceBatching
{
    private static readonly MethodInfo TileBoxMethod =
        typeof(SpaceBatching).GetMethod(nameof(TileBox), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The number of elements of one observation of <paramref name="single"/>.</summary>
    public static int ObservationSize<T>(Space<T[]> single) where T : unmanaged
    {
        var shape = single.Shape
            ?? throw new ArgumentException($"The observation space {single} has no shape; vector envs batch array observations of a fixed shape.");
        long size = 1;
        foreach (var d in shape) size *= d;
        if (size <= 0 || size > int.MaxValue)
            throw new ArgumentException($"The observation space {single} has {size} elements; vector envs need between 1 and {int.MaxValue}.");
        return (int)size;
    }

    /// <summary>
    /// A Box of shape <c>(n, ...single shape)</c>: a Box's bounds tiled n times; MultiBinary as Box(0, 1) int8;
    /// MultiDiscrete as Box(start, start + nvec - 1), as Gymnasium batches them.
    /// </summary>
    public static Space<T[]> BatchObservationSpace<T>(Space<T[]> single, int n) where T : unmanaged
    {
        var type = single.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Box<>))
            return (Space<T[]>)TileBoxMethod.MakeGenericMethod(typeof(T)).Invoke(null, [single, n])!;
        if (single is MultiBinary binary && typeof(T) == typeof(byte))
        {
            var box = new Box<byte>((byte)0, (byte)1, n, binary.N);
            return (Space<T[]>)(object)box;
        }
        if (single is MultiDiscrete multi && typeof(T) == typeof(int))
        {
            int k = multi.Nvec.Length;
            var low = new int[n * k];
            var high = new int[n * k];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    low[i * k + j] = multi.Start[j];
                    high[i * k + j] = multi.Start[j] + multi.Nvec[j] - 1;
                }
            }

            return (Space<T[]>)(object)new Box<int>(low, high, [n, k]);
        }
        throw new ArgumentException(
            $"Vector envs batch Box, MultiBinary and MultiDiscrete observation spaces; the sub-env observation space is {single} ({type.Name}).");
    }

    /// <summary>MultiDiscrete for a Discrete single space (as Gymnasium); else a <see cref="BatchedSpace{TItem}"/>.</summary>
    public static Space<TAct[]> BatchActionSpace<TAct>(Space<TAct> single, int n) where TAct : notnull
    {
        if (single is Discrete discrete)
        {
            var nvec = new int[n];
            var start = new int[n];
            Array.Fill(nvec, discrete.N);
            Array.Fill(start, discrete.Start);
            return (Space<TAct[]>)(object)new MultiDiscrete(nvec, start);
        }
        return new BatchedSpace<TAct>(single, n);
    }

    private static Box<TNum> TileBox<TNum>(Box<TNum> single, int n) where TNum : unmanaged, INumber<TNum>
    {
        int size = single.Size;
        var low = new TNum[n * size];
        var high = new TNum[n * size];
        for (int i = 0; i < n; i++)
        {
            single.Low.CopyTo(low.AsSpan(i * size, size));
            single.High.CopyTo(high.AsSpan(i * size, size));
        }
        return new Box<TNum>(low, high, [n, .. single.Shape]);
    }
}
