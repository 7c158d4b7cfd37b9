namespace RlFramework.Agents;

/// <summary>Helpers on rows of Q-values.</summary>
internal static class QValues
{
    /// <summary>The index of the largest value (the first one on ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> row)
    {
        int best = 0;
        for (int a = 1; a < row.Length; a++)
            if (row[a] > row[best]) best = a;
        return best;
    }
}
