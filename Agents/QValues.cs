using RlFramework.Models;
using RlFramework.Models.Modules;

namespace RlFramework.Agents;

/// <summary>Helpers on rows of Q-values.</summary>
internal static class QValues
{
    /// <summary>
    /// Sets every action slot still below 0 to the greedy action of its row's Q-values under <paramref name="q"/>
    /// (one forward pass without gradients over all rows); slots already chosen stay as they are.
    /// </summary>
    public static void FillGreedy(Module<Tensor, Tensor> q, ReadOnlySpan<float> observations, Span<int> actions, int observationSize, int actionCount)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var values = q.forward(torch.tensor(observations, actions.Length, observationSize)).data<float>();
        for (int e = 0; e < actions.Length; e++)
            if (actions[e] < 0) actions[e] = ArgMax(values.Slice(e * actionCount, actionCount));
    }

    /// <summary>The index of the largest value (the first one on ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> row)
    {
        int best = 0;
        for (int a = 1; a < row.Length; a++)
            if (row[a] > row[best]) best = a;
        return best;
    }
}
