using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RlFramework.Agents.Trainers.Planning;
using RlFramework.Envs.RoboRally;
using RlFramework.Runner.Experiments.RoboRally;

namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>
/// <c>rl reproduce roborally --cluster</c>: each run of the RoboRally reproduction (scheme × seed) is a sweep trial. The
/// map (as text), the planning config, the scheme and the seed travel as the trial's JSON input; a worker trains the run
/// with <see cref="PlanningTrainer"/> and returns its <see cref="PlanningRunResult"/> as JSON. The runs are deterministic
/// for their seed, so the table equals the in-process one.
/// </summary>
public static class RoboRallyTrial
{
    /// <summary>The trial kind of a RoboRally run.</summary>
    public const string Kind = "roborally";

    private static readonly Lock Gate = new();
    private static (string Key, PlanningTrainer Trainer)? _last;

    /// <summary>A trial's input.</summary>
    private sealed record Input(string MapName, string MapText, string ConfigJson, TrainingScheme Scheme, long Seed);

    /// <summary>The trials of the reproduction: <paramref name="runs"/> seeds from <paramref name="seed"/> per scheme, in run order.</summary>
    public static IReadOnlyList<TrialDefinition> Define(RoboRallyMap map, PlanningConfig config, int runs, long seed)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        string mapText = map.ToText(), configJson = config.ToJson();
        return [.. Enumerable.Range(0, RoboRallyReproduction.Schemes.Count * runs).Select(i =>
        {
            var (scheme, runSeed) = RoboRallyReproduction.RunOf(i, runs, seed);
            return new TrialDefinition
            {
                Index = i,
                Label = string.Create(CultureInfo.InvariantCulture, $"{scheme} seed={runSeed}"),
                Kind = Kind,
                SpecJson = JsonSerializer.Serialize(new Input(map.Name, mapText, configJson, scheme, runSeed)),
            };
        })];
    }

    /// <summary>Trains the run <paramref name="inputJson"/> describes (on the calling thread).</summary>
    /// <exception cref="InvalidDataException">The input is not a RoboRally trial's.</exception>
    public static PlanningRunResult Run(string inputJson)
    {
        var input = JsonSerializer.Deserialize<Input>(inputJson) ?? throw new InvalidDataException("A RoboRally trial's input is empty.");
        return Trainer(input).Run(input.Scheme, input.Seed);
    }

    /// <summary>The trainer of the input's map and config, kept for the next trial of the same reproduction (it solves the map once).</summary>
    private static PlanningTrainer Trainer(Input input)
    {
        string key = input.MapName + "\n" + input.MapText + "\n" + input.ConfigJson;
        lock (Gate)
        {
            if (_last is { } last && last.Key == key) return last.Trainer;
        }
        var trainer = new PlanningTrainer(RoboRallyMap.Parse(input.MapText, input.MapName), PlanningConfig.FromJson(input.ConfigJson));
        lock (Gate) _last = (key, trainer);
        return trainer;
    }

    /// <summary>
    /// Runs the reproduction's runs as trials through <paramref name="host"/> (an embedded silo or a cluster client) and
    /// summarizes them as <see cref="RoboRallyReproduction.Run"/> does. Running the same command again finds the same
    /// sweep (its id is a hash of the trials), so a restarted coordinator picks it up where it stands.
    /// </summary>
    /// <param name="host">The Orleans host, not started.</param>
    /// <param name="map">The map.</param>
    /// <param name="config">The planning config.</param>
    /// <param name="runs">Seeds per scheme.</param>
    /// <param name="seed">The first seed.</param>
    /// <param name="threads">Runs at once, as reported (the slots of the embedded silo).</param>
    /// <param name="progress">Receives a progress line at every tenth of the trials done.</param>
    /// <exception cref="InvalidOperationException">A run failed (the message says which and why).</exception>
    public static RoboRallyReproductionResult RunOn(IHost host, RoboRallyMap map, PlanningConfig config, int runs, long seed, int threads, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(progress);
        var definition = SweepCoordinator.Define(Define(map, config, runs, seed), "return", maximize: true, Environment.CurrentDirectory, retries: 0, TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        host.StartAsync().GetAwaiter().GetResult();
        SweepSnapshot snapshot;
        try
        {
            int reported = -1;
            snapshot = SweepCoordinator.RunAsync(host.Services.GetRequiredService<IGrainFactory>(), definition, s =>
            {
                int tenths = 10 * s.Count(TrialStatus.Finished) / s.Trials.Count;
                if (tenths != reported) progress.WriteLine($"{definition.SweepId}: {SweepTables.Progress(s)}");
                reported = tenths;
            }, TimeSpan.FromMilliseconds(200), CancellationToken.None).GetAwaiter().GetResult();
        }
        finally
        {
            host.StopAsync().GetAwaiter().GetResult();
        }
        clock.Stop();
        if (snapshot.Trials.FirstOrDefault(t => t.Status != TrialStatus.Finished) is { } failed)
            throw new InvalidOperationException($"RoboRally run {failed.Index} ({definition.Trials[failed.Index].Label}) failed on the cluster: {failed.Error}");
        var results = snapshot.Trials.Select(t => JsonSerializer.Deserialize<PlanningRunResult>(t.ResultJson!)
            ?? throw new InvalidDataException($"Trial {t.Index} finished without a result.")).ToList();
        return RoboRallyReproduction.Summarize(map, results, clock.Elapsed, threads);
    }
}
