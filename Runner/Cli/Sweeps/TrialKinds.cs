using RlFramework.Runner.Experiments;
using RlFramework.Runner.Experiments.Asi;
using RlFramework.Runner.Experiments.EProp;
using RlFramework.Runner.Experiments.RoboRally;
using RlFramework.Runner.Experiments.Routing;

namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>The kinds of trials a worker runs besides training runs: the runs of the <c>rl reproduce</c> commands.</summary>
public static class TrialKinds
{
    /// <summary>Every kind, by name.</summary>
    public static IReadOnlyList<IRunKind> All { get; } =
    [
        RoboRallyRun.Instance, AsiRun.Instance, TcaRun.Instance, EPropDrqnRun.Instance, CollapseRun.Instance, ClassificationRun.Instance, MultiTaskRlRun.Instance,
    ];

    /// <summary>The kind named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">This worker knows no such kind (it is older than the command that submitted the trial).</exception>
    public static IRunKind Find(string name) => All.FirstOrDefault(k => k.Name == name)
        ?? throw new ArgumentException($"Trials of kind '{name}' are unknown to this worker; expected one of {string.Join(", ", All.Select(k => k.Name))} (update the worker).");
}
