namespace RlFramework.Runner.Experiments.Routing;

/// <summary>One setting of the collapse example, averaged over seeds.</summary>
/// <param name="Setting">The setting (α, exploration).</param>
/// <param name="Usage">The share of greedy test decisions per module (mean over seeds).</param>
/// <param name="TestMse">The test mean squared error (mean over seeds).</param>
/// <param name="Collapsed">Seeds whose router sent ≥ 90 % of test samples to one module.</param>
/// <param name="Seeds">The number of seeds.</param>
public sealed record CollapseRow(string Setting, double[] Usage, double TestMse, int Collapsed, int Seeds);
