namespace RlFramework.Runner.Experiments.EProp;

/// <summary>The outcome of training one TCA variant with one seed.</summary>
/// <param name="Variant">The variant's name.</param>
/// <param name="Seed">The seed.</param>
/// <param name="TestError">Share of misclassified test sequences after training.</param>
/// <param name="WallSeconds">Wall time of training and testing.</param>
public sealed record TcaResult(string Variant, int Seed, double TestError, double WallSeconds);
