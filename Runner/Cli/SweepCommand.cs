using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RlFramework.Runner.Cli.Sweeps;
using Spectre.Console;

namespace RlFramework.Runner.Cli;

/// <summary>
/// <c>rl sweep FILE</c>: runs every trial of a sweep file as a normal run (own run folder, checkpoints, metrics, registry
/// entry) on an Orleans cluster: an embedded one-silo cluster on this machine by default, or the workers of
/// <c>--cluster</c>. Shows a live table and ends with the trials ranked; exit code 3 when a trial failed.
/// </summary>
internal static class SweepCommand
{
    /// <summary>The exit code when the sweep completed with failed trials.</summary>
    public const int TrialsFailed = 3;

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The sweep file (JSON): command (agent, env, steps or episodes, config), grid and/or random, seeds, metric, goal. See docs/cluster.md." };
        var cluster = ClusterCommandOptions.Cluster(
            $"A PostgreSQL connection string: submit to the `rl worker` silos of that cluster (default, or '{SweepHosts.Local}': an embedded silo on this machine).");
        var output = new Option<string>("--out") { Description = "The runs folder the trials train into (shared by all workers on a cluster).", DefaultValueFactory = _ => "runs" };
        var retries = new Option<int>("--retries") { Description = "Attempts again a failed trial this many times before marking it failed.", DefaultValueFactory = _ => 0 };
        var slots = ClusterCommandOptions.Slots("Trials at once in the embedded silo (default: the number of cores); ignored with --cluster.");
        var lease = new Option<double>("--lease") { Description = "Seconds a worker may stay silent before its trials go to another worker (resuming from their last checkpoint).", DefaultValueFactory = _ => 10 };
        var command = new Command("sweep", "Run a sweep's trials (grid or random configs × seeds) on an Orleans cluster, embedded by default.")
            { file, cluster, output, retries, slots, lease };
        command.SetAction(result => CommonOptions.Guard(result, () =>
        {
            var plan = SweepFile.Read(result.GetValue(file)!.FullName);
            int slotCount = result.GetValue(slots);
            if (slotCount <= 0) throw new ArgumentException($"--slots must be positive; got {slotCount}.");
            double leaseSeconds = result.GetValue(lease);
            if (!(leaseSeconds > 0)) throw new ArgumentException($"--lease must be a positive number of seconds; got {leaseSeconds}.");
            int retryCount = result.GetValue(retries);
            if (retryCount < 0) throw new ArgumentException($"--retries must be 0 or more; got {retryCount}.");
            var definition = SweepCoordinator.Define(plan, result.GetValue(output)!, retryCount, TimeSpan.FromSeconds(leaseSeconds));
            using var host = result.GetValue(cluster) is { } connection && connection != SweepHosts.Local
                ? SweepHosts.Client(ClusterDatabase.Open(connection))
                : SweepHosts.Embedded(WorkerOptions.Default with { Slots = slotCount });
            return Run(host, definition);
        }));
        return command;
    }

    private static int Run(IHost host, SweepDefinition definition)
    {
        using var stop = new StopSignals();
        host.StartAsync(stop.Token).GetAwaiter().GetResult();
        Console.WriteLine($"{definition.SweepId}: {definition.Trials.Count} trials into {definition.RunsFolder}");
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var snapshot = AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected
                ? AnsiConsole.Live(new Text("")).Start(live => Follow(grains, definition, s => live.UpdateTarget(SweepTables.Live(s)), stop.Token))
                : Follow(grains, definition, PrintChanges(), stop.Token);
            ConsoleTables.Write(SweepTables.Summary(snapshot));
            Console.WriteLine(SweepTables.Progress(snapshot));
            if (SweepPlot.Write(snapshot) is { } plot) Console.WriteLine($"wrote {plot} (the finished trials: one line per config, mean and min–max over its seeds)");
            return snapshot.Count(TrialStatus.Failed) > 0 ? TrialsFailed : 0;
        }
        catch (OperationCanceledException) when (stop.Token.IsCancellationRequested)
        {
            Console.Error.WriteLine($"stopped following {definition.SweepId}; run the same command again to pick it up where it stands");
            return stop.ExitCode;
        }
        finally
        {
            host.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    private static SweepSnapshot Follow(IGrainFactory grains, SweepDefinition definition, Action<SweepSnapshot> progress, CancellationToken cancellation) =>
        SweepCoordinator.RunAsync(grains, definition, progress, TimeSpan.FromMilliseconds(500), cancellation).GetAwaiter().GetResult();

    /// <summary>Prints the progress line whenever it changes (for logs and pipes).</summary>
    private static Action<SweepSnapshot> PrintChanges()
    {
        string? last = null;
        return snapshot =>
        {
            string line = SweepTables.Progress(snapshot);
            if (line != last) Console.WriteLine(line);
            last = line;
        };
    }
}
