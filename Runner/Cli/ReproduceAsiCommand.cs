using System.CommandLine;
using System.Diagnostics;
using RlFramework.Agents.Trainers.Asi;
using RlFramework.Runner.Cli.Sweeps;
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
        var paper = new Option<bool>("--paper") { Description = "Start from the paper's settings (48 kernels ASI, 32 baselines, lr 5e-4 / 7.5e-4, schedule scale 1, the model drawing frames anew, plain BCE, the whole gradient of each chain; ours: 1.5M model evaluations) instead of the 2-core defaults; the options below still override." };
        var config = new Option<FileInfo?>("--config") { Description = "A JSON file with the trainer's hyperparameters (AsiConfig, snake_case; unknown fields are errors); the options below override it." };
        var kernels = new Option<int?>("--kernels") { Description = "Kernels n per hidden conv layer of the ASI model (default: 16 Room Runner, 8 Funnel Board; the paper 48)." };
        var baselineKernels = new Option<int?>("--baseline-kernels") { Description = "Kernels of the Δt baselines' model (default: --kernels; the paper 32)." };
        var architecture = new Option<AsiArchitecture?>("--architecture") { Description = "plain, strided or dilated (default: the paper's, strided on Room Runner, dilated on Funnel Board)." };
        var residual = new Option<bool?>("--residual") { Description = "Whether the model predicts the change over its input frame (true, default) or draws the frame anew (false, the paper's)." };
        var horizon = new Option<int?>("--horizon") { Description = "Horizon H of the matching (default 21)." };
        var evaluations = new Option<long?>("--evaluations") { Description = "Each run's budget of training model evaluations (default 50,000)." };
        var exploration = new Option<int?>("--exploration-steps") { Description = "Steps K over which the exploration probability falls from 1 to 0 (default: the paper's, 7,500 Room Runner, 15,000 Funnel Board; times --schedule-scale)." };
        var warmup = new Option<int?>("--warmup-steps") { Description = "Teacher-forced warm-up: steps at the start with ε = 1 and no exploration, the schedules starting after them (default 0, the paper's)." };
        var explorationHorizon = new Option<int?>("--exploration-horizon") { Description = "Exploration's random skip is drawn in 1..this (default: --horizon, the paper's)." };
        var explorationMargin = new Option<double?>("--exploration-margin") { Description = "Explore only among well-matched frames: a random one of those whose matching loss is within this fraction of the best-to-worst range of the best (0..1; default: any frame, the paper's)." };
        var scheduleScale = new Option<double?>("--schedule-scale") { Description = "Multiplies the step counts of every schedule (K, ε's 4,000, the decay's 15,000; default 0.1; the paper's: 1)." };
        var learningRate = new Option<double?>("--lr") { Description = "Adam's initial learning rate for ASI (default 2e-3; the paper's 5e-4)." };
        var baselineLearningRate = new Option<double?>("--baseline-lr") { Description = "Adam's initial learning rate for the Δt baselines (default 3e-3; the paper's 7.5e-4)." };
        var changeWeight = new Option<double?>("--change-weight") { Description = "Loss weight of the pixels that change between a link's input frame and its target (default 10; 1: plain BCE, the paper's)." };
        var changeMask = new Option<string?>("--change-mask") { Description = "Pixels the change weight weights: ground-truth (target vs the link's ground-truth start frame; default) union (also where the target differs from the input the model was given) or claimed (also where the prediction differs from the link's start frame)." };
        var gradientHorizon = new Option<int?>("--gradient-horizon") { Description = "Links of a chain the gradient flows through before it is cut (default 32; bounds the memory)." };
        var rolloutLength = new Option<string?>("--rollout-length") { Description = "chains (the authors': the 99th percentile of the training chain lengths + 1; default) or clip (the whole clip at the smallest skip)." };
        var strict = new Option<bool>("--strict-accuracy") { Description = "Score a rollout 1 when the classifier picks its right label, else 0 (undecided is wrong), instead of the authors' fair accuracy (the probability the classifier gives the right label; 1/K without evidence)." };
        var doorGrowth = new Option<int>("--door-growth") { Description = "3×3 dilations the Room Runner room masks grow over light pixels, so through doors (the authors' 8; 0: the coloured rooms alone).", DefaultValueFactory = _ => 8 };
        var batch = new Option<int?>("--batch") { Description = "Trajectories per training step (default 2)." };
        var train = new Option<int>("--train-trajectories") { Description = "Training trajectories per task (seeds from --seed on).", DefaultValueFactory = _ => 60 };
        var validation = new Option<int>("--val-trajectories") { Description = "Validation trajectories per task (seeds from --seed + 1,000,000 on).", DefaultValueFactory = _ => 20 };
        var checkpoints = new Option<int>("--checkpoints") { Description = "Evaluations along each run.", DefaultValueFactory = _ => 4 };
        var parallel = new Option<int>("--parallel") { Description = "Runs trained at the same time (one core each); with --cluster local, the embedded silo's slots.", DefaultValueFactory = _ => 2 };
        var cluster = ClusterCommandOptions.Reproduction("--parallel");
        var seed = CommonOptions.Seed();
        var seeds = new Option<int>("--seeds") { Description = "Runs per method and task, from the model seeds --seed, --seed + 1, … on the same clips; the tables and the plot give their mean and spread.", DefaultValueFactory = _ => 1 };
        var dataFile = new Option<FileInfo?>("--data") { Description = "Train and validate on a dataset written by `rl dataset` (its env sets the task; the first --train-trajectories clips train, the next --val-trajectories validate) instead of generating clips." };
        var plot = new Option<string>("--plot") { Description = "Where to write the accuracy plot (PNG).", DefaultValueFactory = _ => "asi.png" };
        var rollouts = new Option<DirectoryInfo?>("--rollouts") { Description = "A folder for a picture per run and evaluation: recorded frames above the model's rollout, for two validation clips." };
        var command = new Command("asi", "Adaptive Skip Intervals (Neitz et al. 2018): ASI vs fixed Δt on Funnel Board and Room Runner.")
        {
            task, methods, paper, config, kernels, baselineKernels, architecture, residual, horizon, evaluations, exploration, warmup, explorationHorizon, explorationMargin, scheduleScale, learningRate, baselineLearningRate,
            changeWeight, changeMask, gradientHorizon, rolloutLength, strict, doorGrowth, batch, train, validation, checkpoints, parallel, seed, seeds, dataFile, plot, rollouts, cluster,
        };
        command.SetAction(result => CommonOptions.Guard(result, () =>
        {
            int growth = result.GetValue(doorGrowth);
            if (growth < 0) throw new ArgumentException($"--door-growth {growth} is invalid: expected a non-negative number of pixels.");
            var tasks = AsiTask.Parse(result.GetValue(task)!);
            var file = result.GetValue(config);
            var baseConfig = file is not null ? AsiConfig.FromJson(File.ReadAllText(file.FullName)) : result.GetValue(paper) ? AsiConfig.Paper : new AsiConfig();
            var trainer = baseConfig with
            {
                Kernels = result.GetValue(kernels) ?? baseConfig.Kernels,
                BaselineKernels = result.GetValue(baselineKernels) ?? baseConfig.BaselineKernels,
                Architecture = result.GetValue(architecture) ?? baseConfig.Architecture,
                Residual = result.GetValue(residual) ?? baseConfig.Residual,
                Horizon = result.GetValue(horizon) ?? baseConfig.Horizon,
                ModelEvaluations = result.GetValue(evaluations) ?? baseConfig.ModelEvaluations,
                ExplorationSteps = result.GetValue(exploration) ?? baseConfig.ExplorationSteps,
                WarmupSteps = result.GetValue(warmup) ?? baseConfig.WarmupSteps,
                ExplorationHorizon = result.GetValue(explorationHorizon) ?? baseConfig.ExplorationHorizon,
                ExplorationMargin = result.GetValue(explorationMargin) ?? baseConfig.ExplorationMargin,
                ScheduleScale = result.GetValue(scheduleScale) ?? baseConfig.ScheduleScale,
                LearningRate = result.GetValue(learningRate) ?? baseConfig.LearningRate,
                BaselineLearningRate = result.GetValue(baselineLearningRate) ?? baseConfig.BaselineLearningRate,
                ChangeWeight = result.GetValue(changeWeight) ?? baseConfig.ChangeWeight,
                ChangeMask = result.GetValue(changeMask) switch
                {
                    null => baseConfig.ChangeMask,
                    "ground-truth" => AsiChangeMask.GroundTruth,
                    "union" => AsiChangeMask.Union,
                    "claimed" => AsiChangeMask.Claimed,
                    string other => throw new ArgumentException($"--change-mask '{other}' is unknown: expected ground-truth, union or claimed."),
                },
                GradientHorizon = result.GetValue(gradientHorizon) ?? baseConfig.GradientHorizon,
                EvaluationRollout = result.GetValue(rolloutLength) switch
                {
                    null => baseConfig.EvaluationRollout,
                    "chains" => AsiEvaluationRollout.TrainingChains,
                    "clip" => AsiEvaluationRollout.FullClip,
                    string other => throw new ArgumentException($"--rollout-length '{other}' is unknown: expected chains or clip."),
                },
                FairAccuracy = !result.GetValue(strict) && baseConfig.FairAccuracy,
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
                Seeds = result.GetValue(seeds),
                Parallelism = result.GetValue(parallel),
                RolloutFolder = result.GetValue(rollouts)?.FullName,
            };
            settings.Validate();
            string plotPath = result.GetValue(plot)!;
            var data = result.GetValue(dataFile);
            if (data is not null && result.GetResult(task) is { Implicit: false })
                throw new ArgumentException("--data sets the task from the dataset's env; leave out --task.");
            using var runs = result.GetValue(cluster) is { } connection ? ClusterRuns.Open(connection, settings.Parallelism, Console.Error) : null;
            if (settings.RolloutFolder is string folder) Directory.CreateDirectory(folder);
            var sources = data is null ? tasks.Select(t => AsiDataSource.Generated(t, growth, settings)).ToArray() : [AsiDataSource.FromFile(data.FullName, growth, settings)];
            Run(sources, settings, plotPath, runs);
            return 0;
        }));
        return command;
    }

    /// <summary>Trains every run on the clips of <paramref name="sources"/>, in this process or (<paramref name="cluster"/>) as trials of a sweep, then prints the tables and writes the plot.</summary>
    private static void Run(IReadOnlyList<AsiDataSource> sources, AsiExperimentSettings settings, string plotPath, ClusterRuns? cluster)
    {
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"config: {settings.Config.ToJson().ReplaceLineEndings(" ")}");
        var data = sources.Select(AsiRun.Instance.Data).ToArray();
        Console.WriteLine(string.Join(Environment.NewLine, data.Select(d =>
            $"{d.Task.EnvId}: {d.Training.Count} training + {d.Validation.Count} validation trajectories, mean length {d.Training.Concat(d.Validation).Average(t => t.Length):F1} frames")));
        Console.WriteLine($"data ready ({clock.Elapsed.TotalSeconds:F0} s)");
        var gate = new Lock();
        var results = cluster is null ? AsiExperiment.Run(data, settings, line => { lock (gate) Console.WriteLine(line); })
            : cluster.Run(AsiRun.Instance, AsiRun.Inputs(sources, settings));
        foreach (var d in data)
            ConsoleTables.Write(AsiReport.CheckpointTable([.. results.Where(r => r.Task == d.Task.Name)]));
        foreach (var r in results) Console.WriteLine(AsiReport.Summary(r));
        AsiPlot.Save(results, data.ToDictionary(d => d.Task.Name, d => d.Validation.CountBy(t => t.Label).Max(c => c.Value) / (double)d.Validation.Count), settings.Config.FairAccuracy, plotPath);
        Console.WriteLine($"wrote {plotPath}; total wall time {clock.Elapsed.TotalSeconds:F0} s{(cluster is null ? "" : ", " + cluster.Placement)}");
    }
}
