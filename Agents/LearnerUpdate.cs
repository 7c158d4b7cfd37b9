namespace RlFramework.Agents;

/// <summary>What one learning step of an agent measured.</summary>
/// <param name="Step">The env step at which it learned.</param>
/// <param name="Loss">The loss it minimised.</param>
/// <param name="MeanQ">The mean predicted value of the batch (NaN for agents without one).</param>
/// <param name="Metrics">
/// Further measurements under their CleanRL tag names (losses/value_loss, charts/learning_rate, ...), logged as they
/// are; null for agents that report only <paramref name="Loss"/> and <paramref name="MeanQ"/>.
/// </param>
public readonly record struct LearnerUpdate(long Step, double Loss, double MeanQ, IReadOnlyDictionary<string, double>? Metrics = null);
