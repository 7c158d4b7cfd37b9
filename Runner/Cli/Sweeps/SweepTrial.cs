using RlFramework.Runner.Training;

namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>One trial of a sweep: a normal training run, defined in full before the sweep starts.</summary>
/// <param name="Index">The trial's place in the sweep (0-based): configs in file order, seeds innermost.</param>
/// <param name="Label">What varies in this trial, e.g. <c>learning_rate=0.001 seed=1</c>.</param>
/// <param name="Spec">The run's definition (its run.json).</param>
public sealed record SweepTrial(int Index, string Label, RunSpec Spec);
