namespace RlFramework.Runner.Experiments.Routing;

/// <summary>One router of the multi-task classification benchmark, averaged over seeds.</summary>
/// <param name="Router">The router and its algorithm.</param>
/// <param name="Depth">The number of routed layers.</param>
/// <param name="Accuracy">Test accuracy with greedy routes (mean over seeds).</param>
/// <param name="AccuracyStd">Standard deviation of the accuracy over seeds.</param>
/// <param name="AccuracyMin">The lowest seed's accuracy.</param>
/// <param name="AccuracyMax">The highest seed's accuracy.</param>
/// <param name="Entropy">Selection entropy in bits, mean over routed layers and seeds (log2 M is uniform use).</param>
/// <param name="Collapsed">Collapsed routed layers, summed over seeds.</param>
/// <param name="Seconds">Training wall time, mean over seeds.</param>
public sealed record ClassificationRow(string Router, int Depth, double Accuracy, double AccuracyStd, double AccuracyMin, double AccuracyMax, double Entropy, int Collapsed, double Seconds);
