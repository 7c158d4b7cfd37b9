using System.CommandLine;
using System.Globalization;
using System.Reactive.Linq;
using RlFramework.Models;
using RlFramework.Runner.Training;
using Spectre.Console;

namespace RlFramework.Runner.Cli;

/// <summary>
/// <c>rl train</c>: trains an agent headless as a registered run (runs/registry.db, metrics.csv, TensorBoard events,
/// checkpoints), printing progress; Ctrl+C stops cleanly with a checkpoint, <c>--resume RUN</c> continues exactly.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var env = CommonOptions.Env();
        var agent = CommonOptions.Agent();
        var episodes = new Option<int?>("--episodes") { Description = "Stop after this many episodes (prints each one)." };
        var steps = new Option<long?>("--steps") { Description = "Env steps to train for (default: the agent config's total: 500,000 for DQN and Discrete PPO, 1,000,000 for Box PPO)." };
        var seed = CommonOptions.Seed();
        var numEnvs = new Option<int?>("--num-envs") { Description = "Envs stepped together (a vector env; default: PPO's config num_envs, else 1)." };
        var config = new Option<FileInfo?>("--config") { Description = "A JSON file with the agent's hyperparameters (unknown fields are errors)." };
        var output = new Option<string>("--out") { Description = "The runs folder (registry, metrics, checkpoints).", DefaultValueFactory = _ => "runs" };
        var checkpointEvery = new Option<long>("--checkpoint-every") { Description = "Env steps between checkpoints.", DefaultValueFactory = _ => 100_000 };
        var evalEvery = new Option<long>("--eval-every") { Description = "Env steps between greedy evaluations logged as eval/episodic_return (0: none).", DefaultValueFactory = _ => 0 };
        var evalEpisodes = new Option<int>("--eval-episodes") { Description = "Episodes per evaluation.", DefaultValueFactory = _ => 10 };
        var recordVideo = new Option<string?>("--record-video") { Description = "every:N records one greedy episode as a GIF (runs/<id>/videos) every N training episodes." };
        var resume = new Option<string?>("--resume") { Description = "Continue this run id (see `rl runs`) from its latest good checkpoint." };
        var quiet = new Option<bool>("--quiet") { Description = "Only the final summary line." };
        var threads = new Option<int?>("--threads")
        {
            Description = "Cores the agent may use (default: all; DQN computes its TD targets on a second one). Use 1 when several trainings share the machine.",
        };
        var command = new Command("train", "Train an agent headless and print its progress and returns.")
            { env, agent, episodes, steps, seed, numEnvs, config, output, checkpointEvery, evalEvery, evalEpisodes, recordVideo, resume, quiet, threads };
        command.SetAction(result => CommonOptions.Guard(result, () =>
        {
            var request = new TrainRequest(result.GetValue(env)!, result.GetValue(agent)!,
                result.GetValue(episodes), result.GetValue(steps), result.GetValue(seed), result.GetValue(numEnvs), result.GetValue(config),
                result.GetValue(output)!, result.GetValue(checkpointEvery), result.GetValue(evalEvery), result.GetValue(evalEpisodes),
                ParseEvery(result.GetValue(recordVideo)), result.GetValue(resume), result.GetValue(quiet), result.GetValue(threads));
            if (request.Resume is not null)
                RefuseOnResume(result, env, agent, seed, numEnvs, config, checkpointEvery, evalEvery, evalEpisodes, recordVideo);
            return Run(request);
        }));
        return command;
    }

    private sealed record TrainRequest(string EnvId, string Agent, int? Episodes, long? Steps, int Seed, int? NumEnvs, FileInfo? Config,
        string Output, long CheckpointEvery, long EvalEvery, int EvalEpisodes, int RecordVideoEvery, string? Resume, bool Quiet, int? Threads);

    /// <summary>A resumed run keeps its definition (run.json): an option that would change it is an error, not silently ignored.</summary>
    private static void RefuseOnResume(ParseResult result, params Option[] fixedByTheRun)
    {
        var given = fixedByTheRun.Where(option => result.GetResult(option) is { Implicit: false }).Select(option => option.Name).ToArray();
        if (given.Length > 0)
            throw new ArgumentException($"--resume continues a run as it was defined; {string.Join(", ", given)} cannot change it (only --steps or --episodes, to extend its budget).");
    }

    private static int ParseEvery(string? value)
    {
        if (value is null) return 0;
        if (value.StartsWith("every:", StringComparison.Ordinal) && int.TryParse(value.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0)
            return n;
        throw new ArgumentException($"--record-video '{value}' is not of the form every:N with N a positive number of episodes.");
    }

    /// <summary>Trains with the requested thread budget (by default the process's thread count), passed to the agent.</summary>
    private static int Run(TrainRequest request)
    {
        if (request.Threads is <= 0) throw new ArgumentException($"--threads must be positive; got {request.Threads}.");
        return Train(request, request.Threads ?? torch.get_num_threads());
    }

    private static int Train(TrainRequest request, int threads)
    {
        if (request.Episodes is <= 0) throw new ArgumentException($"--episodes must be positive; got {request.Episodes}.");
        if (request.Steps is <= 0) throw new ArgumentException($"--steps must be positive; got {request.Steps}.");
        if (request.Steps is not null && request.Episodes is not null)
            throw new ArgumentException($"Give the budget in steps or in episodes, not both (--steps {request.Steps}, --episodes {request.Episodes}).");
        using var stop = new StopSignals();
        using var run = request.Resume is null ? Start(request, threads) : Resume(request, threads);
        var loop = run.Loop;
        bool printEpisodes = run.Spec.TotalEpisodes is not null && !request.Quiet;
        using var episodeLines = printEpisodes
            ? loop.Episodes.Subscribe(e => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"episode {e.Episode,5}  return {e.Return,8:F1}  length {e.Length,5}  step {e.Step,9}")))
            : null;
        bool progressBar = !printEpisodes && !request.Quiet && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        using var progress = !printEpisodes && !request.Quiet && !progressBar ? ProgressLines(loop) : null;
        var result = progressBar ? WithProgressBar(run, stop.Token) : run.Run(stop.Token);
        var recent = run.Returns.TakeLast(100).DefaultIfEmpty(double.NaN);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{run.Spec.Agent} on {run.Spec.EnvId}: {result.Steps} steps, {result.Episodes} episodes in {result.Seconds:F1} s ({result.StepsPerSecond:N0} steps/s); mean return of the last {Math.Min(100, run.Returns.Count)} episodes {recent.Average():F2}{(result.Interrupted ? $" (interrupted by {stop.Received}; resume with --resume {run.Record.Id})" : "")}"));
        Console.WriteLine($"{run}");
        return result.Interrupted ? stop.ExitCode : 0;
    }

    private static TrainingRun Start(TrainRequest request, int threads)
    {
        string? configJson = request.Config is null ? null
            : request.Config.Exists ? File.ReadAllText(request.Config.FullName)
            : throw new ArgumentException($"--config file '{request.Config.FullName}' does not exist.");
        bool continuous = AgentChoice.IsContinuous(request.Agent, request.EnvId);
        AgentChoice.Validate(request.Agent, configJson, continuous);
        int numEnvs = request.NumEnvs ?? AgentChoice.DefaultNumEnvs(request.Agent, configJson, continuous);
        var budget = request.Episodes is int episodes ? TrainingBudget.InEpisodes(episodes)
            : TrainingBudget.InSteps(request.Steps ?? AgentChoice.DefaultBudget(request.Agent, configJson, Math.Max(1, numEnvs), continuous));
        var spec = new RunSpec(request.EnvId, request.Agent, null, request.Seed, numEnvs, budget.Steps, request.CheckpointEvery,
            request.EvalEvery, request.EvalEpisodes, request.RecordVideoEvery, budget.Episodes);
        spec.Validate();
        spec = spec with { AgentConfig = AgentChoice.EffectiveConfig(request.Agent, configJson, budget, numEnvs, continuous) };
        return TrainingRun.Start(request.Output, spec,
            (observationSize, actionSpace) => AgentChoice.Create(spec.Agent, observationSize, actionSpace, spec.NumEnvs, spec.Seed, spec.AgentConfig, threads));
    }

    private static TrainingRun Resume(TrainRequest request, int threads)
    {
        TrainingBudget? extension = request.Steps is long steps ? TrainingBudget.InSteps(steps)
            : request.Episodes is int episodes ? TrainingBudget.InEpisodes(episodes)
            : null;
        return TrainingRun.Resume(request.Output, request.Resume!,
            (spec, observationSize, actionSpace) => AgentChoice.Create(spec.Agent, observationSize, actionSpace, spec.NumEnvs, spec.Seed, spec.AgentConfig, threads),
            Console.Out,
            extension is not TrainingBudget budget ? null : spec => spec with
            {
                TotalSteps = budget.Steps,
                TotalEpisodes = budget.Episodes,
                AgentConfig = AgentChoice.EffectiveConfig(spec.Agent, spec.AgentConfig, budget, spec.NumEnvs, AgentChoice.IsContinuous(spec.Agent, spec.EnvId)),
            });
    }

    /// <summary>Runs under a Spectre.Console progress bar showing steps, steps/s, the recent mean return and epsilon.</summary>
    private static TrainingResult WithProgressBar(TrainingRun run, CancellationToken cancellation) => AnsiConsole.Progress()
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
        .Start(context =>
        {
            var task = context.AddTask(run.Spec.EnvId, maxValue: run.Spec.TotalSteps ?? 1);
            task.Value = run.Agent.Steps;
            using var updates = RecentMeans(run.Loop).CombineLatest(run.Loop.Steps.Sample(TimeSpan.FromMilliseconds(250)), (mean, step) => (mean, step))
                .Subscribe(p =>
                {
                    task.Value = p.step.Step;
                    task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                        $"{run.Spec.Agent} {run.Spec.EnvId}  step {p.step.Step:N0}  return(100) {p.mean:F1}  ε {p.step.Epsilon:F3}"));
                });
            return run.Run(cancellation);
        });

    /// <summary>The mean return of the last 100 episodes, NaN until the first one ends.</summary>
    private static IObservable<double> RecentMeans(ITrainingLoop loop) => loop.Episodes.Select(e => e.Return).Scan(new Queue<double>(), (window, value) =>
    {
        window.Enqueue(value);
        if (window.Count > 100) window.Dequeue();
        return window;
    }).Select(window => window.Average()).StartWith(double.NaN);

    /// <summary>A plain line every two seconds: steps, steps/s, mean return of the last 100 episodes, epsilon.</summary>
    private static IDisposable ProgressLines(ITrainingLoop loop)
    {
        var recentReturns = RecentMeans(loop);
        var started = DateTime.UtcNow;
        long? firstStep = null;
        return loop.Steps.Do(s => firstStep ??= s.Step).Sample(TimeSpan.FromSeconds(2)).WithLatestFrom(recentReturns, (step, mean) => (step, mean))
            .Subscribe(p => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"step {p.step.Step,9}  {(p.step.Step - firstStep!.Value) / (DateTime.UtcNow - started).TotalSeconds,9:N0} steps/s  mean return (100) {p.mean,7:F1}{(double.IsNaN(p.step.Epsilon) ? "" : "  epsilon " + p.step.Epsilon.ToString("F3", CultureInfo.InvariantCulture))}")));
    }
}
