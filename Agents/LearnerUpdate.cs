namespace RlFramework.Agents;

/// <summary>What one learning step of an agent measured.</summary>
/// <param name="Step">The env step at which it learned.</param>
/// <param name="Loss">The loss it minimised.</param>
/// <param name="MeanQ">The mean predicted value of the batch (NaN for agents without one).</param>
public readonly record struct LearnerUpdate(long Step, double Loss, double MeanQ);
