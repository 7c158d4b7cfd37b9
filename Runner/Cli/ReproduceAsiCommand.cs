using System.CommandLine;
using System.Diagnostics;
using RlFramework.Agents.Asi;
using RlFramework.Runner.Experiments.Asi;
using Spectre.Console;

namespace RlFramework.Runner.Cli;

/// <summary>
/// <c>rl reproduce asi</c>: trains ASI, ASI without exploration and the fixed Δt = 1, 2 baselines (or the chosen ones) on Funnel Board and/or
/// Room Runner, prints validation label accuracy against training model evaluations and writes the plot.
/// </summary>
internal static class ReproduceAsiCommand
{
    public static Command Create()
    {
        var task = new Option<string>("--task") { Description = "funnel, rooms or both.", DefaultValueFactory = _ => "both" };
        var methods = new Option<string>("--methods") { Description = "Methods to train: all, or a comma-separated list of asi, asi-no-exploration, dt1, dt2.", DefaultValueFactory = _ => "all" };
        var paper = new Option<bool>("--paper") { Description = "Start from the paper's settings (n = 32, lr 5e-4 ×0.2 every third of the run; ours: 1.5M model evaluations) instead of the 2-core defaults; the options below still override." };
        var config = new Option<FileInfo?>("--config") { Description = "A JSON file with the trainer's hyperparameters (AsiConfig, snake_case; unknown fields are errors); the options below override it." };
        var kernels = new Option<int?>("--kernels") { Description = "Kernels n per hidden conv layer (default 8; the paper 32 or 48)." };
        var horizon = new Option<int?>("--horizon") { Description = "Horizon H of the matching (default 21)." };
        var evaluations = new Option<long?>("--evaluations") { Description = "Each run's budget of training model evaluations (default 50,000)." };
        var exploration = new Option<double?>("--exploration-fraction") { Description = "Fraction of the budget over which the exploration probability falls from 1 to 0 (default 0.2)." };
        var learningRate = new Option<double?>("--lr") { Description = "Adam's initial learning rate (default 2e-3; the paper 5e-4)." };
        var decayFraction = new Option<double?>("--lr-decay-fraction") { Description = "Fraction of the budget between learning-rate decays ×0.2 (default 1: none; --paper: 1/3)." };
        var batch = new Option<int?>("--batch") { Description = "Trajectories per training step (default 2)." };
        var train = new Option<int>("--train-trajectories") { Description = "Training trajectories per task (seeds from --seed on).", DefaultValueFactory = _ => 60 };
        var validation = new Option<int>("--val-trajectories") { Description = "Validation trajectories per task (seeds from --seed + 1,000,000 on).", DefaultValueFactory = _ => 20 };
        var checkpoints = new Option<int>("--checkpoints") { Description = "Evaluations along each run.", DefaultValueFactory = _ => 4 };
        var parallel = new Option<int>("--parallel") { Description = "Runs trained at the same time (one core each).", DefaultValueFactory = _ => 2 };
        var seed = CommonOptions.Seed();
        var dataFile = new Option<FileInfo?>("--data") { Description = "Train and validate on a dataset written by `rl dataset` (its env sets the task; the first --train-trajectories clips train, the next --val-trajectories validate) instead of generating clips." };
        var plot = new Option<string>("--plot") { Description = "Where to write the accuracy plot (PNG).", DefaultValueFactory = _ => "asi.png" };
        var rollouts = new Option<DirectoryInfo?>("--rollouts") { Description = "A folder for a picture per run and evaluation: recorded frames above the model's rollout, for two validation clips." };
        var command = new Command("asi", "Adaptive Skip Intervals (Neitz et al. 2018): ASI vs fixed Δt on Funnel Board and Room Runner.")
        {
            task, methods, paper, config, kernels, horizon, evaluations, exploration, learningRate, decayFraction, batch, train, validation, checkpoints, parallel, seed, dataFile, plot, rollouts,
        };
        command.SetAction(result => CommonOptions.Guard(() =>
        {
            var tasks = AsiTask.Parse(result.GetValue(task)!);
            var file = result.GetValue(config);
            var baseConfig = file is not null ? AsiConfig.FromJson(File.ReadAllText(file.FullName)) : result.GetValue(paper) ? AsiConfig.Paper : new AsiConfig();
            var trainer = baseConfig with
            {
                Kernels = result.GetValue(kernels) ?? baseConfig.Kernels,
                Horizon = result.GetValue(horizon) ?? baseConfig.Horizon,
                ModelEvaluations = result.GetValue(evaluations) ?? baseConfig.ModelEvaluations,
                ExplorationFraction = result.GetValue(exploration) ?? baseConfig.ExplorationFraction,
                LearningRate = result.GetValue(learningRate) ?? baseConfig.LearningRate,
                LearningRateDecayFraction = result.GetValue(decayFraction) ?? baseConfig.LearningRateDecayFraction,
                TrajectoriesPerBatch = result.GetValue(batch) ?? baseConfig.TrajectoriesPerBatch,
            };
            var settings = new AsiExperimentSettings
            {
                Config = trainer,
                Methods = AsiMethod.Parse(result.GetValue(methods)!),
                TrainTrajectories = result.GetValue(train),
                ValidationTrajectories = result.GetValue(validation),
                Checkpoints = result.GetValue(checkpoints),
                Seed = result.GetValue(seed),
                Parallelism = result.GetValue(parallel),
                RolloutFolder = result.GetValue(rollouts)?.FullName,
            };
            settings.Validate();
            string plotPath = result.GetValue(plot)!;
            var data = result.GetValue(dataFile);
            if (data is not null && result.GetResult(task) is { Implicit: false })
                throw new ArgumentException("--data sets the task from the dataset's env; leave out --task.");
            if (settings.RolloutFolder is string folder) Directory.CreateDirectory(folder);
            Run(tasks, data, settings, plotPath);
            return 0;
        }));
        return command;
    }

    private static void Run(IReadOnlyList<AsiTask> tasks, FileInfo? dataFile, AsiExperimentSettings settings, string plotPath)
    {
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"config: {settings.Config.ToJson().ReplaceLineEndings(" ")}");
        var data = dataFile is null ? [.. tasks.Select(t => Generate(t, settings))] : new[] { Load(dataFile, settings) };
        Console.WriteLine(string.Join(Environment.NewLine, data.Select(d =>
            $"{d.Task.EnvId}: {d.Training.Count} training + {d.Validation.Count} validation trajectories, mean length {d.Training.Concat(d.Validation).Average(t => t.Length):F1} frames")));
        Console.WriteLine($"data ready ({clock.Elapsed.TotalSeconds:F0} s)");
        var gate = new Lock();
        var results = AsiExperiment.Run(data, settings, line => { lock (gate) Console.WriteLine(line); });
        foreach (var d in data)
            ConsoleTables.Write(AsiReport.CheckpointTable([.. results.Where(r => r.Task == d.Task.Name)]));
        foreach (var r in results) Console.WriteLine(AsiReport.Summary(r));
        AsiPlot.Save(results, data.ToDictionary(d => d.Task.Name, d => d.Validation.CountBy(t => t.Label).Max(c => c.Value) / (double)d.Validation.Count), plotPath);
        Console.WriteLine($"wrote {plotPath}; total wall time {clock.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>Clips from the task's env: training seeds from --seed on, validation seeds from --seed + 1,000,000 on.</summary>
    private static AsiTaskData Generate(AsiTask task, AsiExperimentSettings settings) => new(task,
        TrajectoryGenerator.Generate(task.EnvId, settings.TrainTrajectories, settings.Seed, settings.Parallelism),
        TrajectoryGenerator.Generate(task.EnvId, settings.ValidationTrajectories, settings.Seed + 1_000_000, settings.Parallelism));

    /// <summary>Clips from a dataset file: the first ones train, the next ones validate.</summary>
    private static AsiTaskData Load(FileInfo file, AsiExperimentSettings settings)
    {
        var (envId, clips) = AsiDataFile.Load(file.FullName);
        int needed = settings.TrainTrajectories + settings.ValidationTrajectories;
        if (clips.Length < needed)
            throw new ArgumentException($"{file.Name} holds {clips.Length} clips; --train-trajectories {settings.TrainTrajectories} + --val-trajectories {settings.ValidationTrajectories} need {needed}.");
        return new AsiTaskData(AsiTask.ForEnv(envId), clips[..settings.TrainTrajectories], clips[settings.TrainTrajectories..needed]);
    }
}
