namespace RlFramework.Models.Routing;

/// <summary>How one routed depth was used over a dataset.</summary>
/// <param name="Depth">The routed depth, from 0.</param>
/// <param name="Usage">Decisions per task and action: Usage[task][action].</param>
/// <param name="Entropy">The entropy (bits) of the action distribution over all decisions at this depth.</param>
/// <param name="TopShare">The share of decisions that went to the most used action.</param>
/// <param name="Collapsed">Whether <see cref="TopShare"/> reached the collapse threshold (one module takes almost all decisions).</param>
public sealed record LayerDiagnostics(int Depth, long[][] Usage, double Entropy, double TopShare, bool Collapsed)
{
    /// <summary>The number of decisions at this depth.</summary>
    public long Decisions => Usage.Sum(row => row.Sum());

    /// <summary>The share of task <paramref name="task"/>'s decisions that chose each action (zeros if it had none).</summary>
    public double[] TaskShares(int task)
    {
        long total = Usage[task].Sum();
        return Usage[task].Select(c => total == 0 ? 0 : (double)c / total).ToArray();
    }
}
