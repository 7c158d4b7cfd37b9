using RlFramework.Renders.Plots;
using RlFramework.Runner.Reports;

namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>
/// The comparison a sweep ends with: the finished trials' runs in one <c>rl plot</c> figure (episodic return, losses,
/// steps per second against env steps), one line per config with the mean and min–max band over its seeds, the
/// legend naming each config by the fields the sweep varies.
/// </summary>
public static class SweepPlot
{
    /// <summary>The figure's file in the runs folder: the sweep's id with <c>.png</c>.</summary>
    public static string PathOf(SweepDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Path.Combine(definition.RunsFolder, definition.SweepId + ".png");
    }

    /// <summary>Writes the figure of <paramref name="snapshot"/>'s finished training runs and returns its path, or null when none finished.</summary>
    public static string? Write(SweepSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var definition = snapshot.Definition;
        var runs = snapshot.Trials.Where(t => t is { Status: TrialStatus.Finished, RunId: not null } && definition.Trials[t.Index].Kind is null)
            .Select(t => RunData.Load(t.RunId!, definition.RunsFolder) with { Label = ConfigOf(definition.Trials[t.Index].Label) })
            .ToList();
        if (runs.Count == 0) return null;
        string path = PathOf(definition);
        Charts.Save(RunPlots.Png(runs), path);
        return path;
    }

    /// <summary>
    /// A trial's config without its seed: a sweep file's trial labels are the varied fields, then <c>seed=N</c> (see
    /// <see cref="SweepFile"/>); null when only the seed varies.
    /// </summary>
    public static string? ConfigOf(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        int seed = label.LastIndexOf("seed=", StringComparison.Ordinal);
        string config = (seed < 0 ? label : label[..seed]).Trim();
        return config.Length == 0 ? null : config;
    }
}
