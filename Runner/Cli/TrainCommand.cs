using System.CommandLine;
using System.Globalization;
using System.Reactive.Linq;
using RlFramework.Envs;
using RlFramework.Envs.Spaces;
using RlFramework.Envs.Vector;
using RlFramework.Runner.Training;

namespace RlFramework.Runner.Cli;

/// <summary><c>rl train</c>: trains an agent headless through the reactive loop, printing progress and episode returns.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var env = CommonOptions.Env();
        var agent = CommonOptions.Agent();
        var episodes = new Option<int?>("--episodes") { Description = "Stop after this many episodes (prints each one)." };
        var steps = new Option<long?>("--steps") { Description = "Env steps to train for (default: the agent config's total, 500,000 for DQN)." };
        var seed = CommonOptions.Seed();
        var numEnvs = new Option<int>("--num-envs") { Description = "Envs stepped together (a vector env).", DefaultValueFactory = _ => 1 };
        var config = new Option<FileInfo?>("--config") { Description = "A JSON file with the agent's hyperparameters (unknown fields are errors)." };
        var quiet = new Option<bool>("--quiet") { Description = "Only the final summary line." };
        var command = new Command("train", "Train an agent headless and print its progress and returns.") { env, agent, episodes, steps, seed, numEnvs, config, quiet };
        command.SetAction(result => CommonOptions.Guard(() => Run(new TrainRequest(result.GetValue(env)!, result.GetValue(agent)!,
            result.GetValue(episodes), result.GetValue(steps), result.GetValue(seed), result.GetValue(numEnvs), result.GetValue(config), result.GetValue(quiet)))));
        return command;
    }

    private sealed record TrainRequest(string EnvId, string Agent, int? Episodes, long? Steps, int Seed, int NumEnvs, FileInfo? Config, bool Quiet);

    private static int Run(TrainRequest request)
    {
        if (request.Episodes is <= 0) throw new ArgumentException($"--episodes must be positive; got {request.Episodes}.");
        if (request.Steps is <= 0) throw new ArgumentException($"--steps must be positive; got {request.Steps}.");
        string? configJson = request.Config is null ? null
            : request.Config.Exists ? File.ReadAllText(request.Config.FullName)
            : throw new ArgumentException($"--config file '{request.Config.FullName}' does not exist.");
        using var envs = Gym.MakeVec<float, int>(request.EnvId, request.NumEnvs, autoreset: AutoresetMode.SameStep);
        int actionCount = envs.SingleActionSpace is Discrete discrete ? discrete.N
            : throw new ArgumentException($"{request.EnvId} has the action space {envs.SingleActionSpace}; the CLI's agents need Discrete actions.");
        using var agent = AgentChoice.Create(request.Agent, envs.ObservationSize, actionCount, request.NumEnvs, request.Seed, configJson, request.Steps);
        long budget = request.Episodes is null ? AgentChoice.StepBudget(agent, request.NumEnvs, request.Steps, 500_000) : request.Steps ?? long.MaxValue;
        using var loop = new TrainingLoop(envs, agent);
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        var returns = new List<double>();
        using var collect = loop.Episodes.Subscribe(e => returns.Add(e.Return));
        using var stopAfterEpisodes = request.Episodes is int count ? loop.Episodes.Skip(count - 1).Take(1).Subscribe(_ => loop.RequestStop()) : null;
        using var printEpisodes = request.Episodes is not null && !request.Quiet
            ? loop.Episodes.Subscribe(e => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"episode {e.Episode,5}  return {e.Return,8:F1}  length {e.Length,5}  step {e.Step,9}")))
            : null;
        using var progress = request.Episodes is null && !request.Quiet ? ProgressLines(loop) : null;
        TrainingResult result;
        try
        {
            result = loop.Run(budget, request.Seed, cancellation.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        var recent = returns.TakeLast(100).DefaultIfEmpty(double.NaN);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{request.Agent} on {request.EnvId}: {result.Steps} steps, {result.Episodes} episodes in {result.Seconds:F1} s ({result.StepsPerSecond:N0} steps/s); mean return of the last {Math.Min(100, returns.Count)} episodes {recent.Average():F2}{(result.Interrupted && request.Episodes is null ? " (interrupted)" : "")}"));
        return 0;
    }

    /// <summary>A plain line every two seconds: steps, steps/s, mean return of the last 100 episodes, epsilon.</summary>
    private static IDisposable ProgressLines(TrainingLoop loop)
    {
        var recentReturns = loop.Episodes.Select(e => e.Return).Scan(new Queue<double>(), (window, value) =>
        {
            window.Enqueue(value);
            if (window.Count > 100) window.Dequeue();
            return window;
        }).Select(window => window.Average()).StartWith(double.NaN);
        var started = DateTime.UtcNow;
        return loop.Steps.Sample(TimeSpan.FromSeconds(2)).WithLatestFrom(recentReturns, (step, mean) => (step, mean))
            .Subscribe(p => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"step {p.step.Step,9}  {p.step.Step / (DateTime.UtcNow - started).TotalSeconds,9:N0} steps/s  mean return (100) {p.mean,7:F1}  epsilon {p.step.Epsilon:F3}")));
    }
}
