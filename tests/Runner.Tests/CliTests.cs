using RlFramework.Runner.Cli;

namespace RlFramework.Runner.Tests;

/// <summary>Runs the <c>rl</c> commands in-process and reads what they print. Console redirection is process-wide, so these run one at a time.</summary>
[Collection("console")]
public sealed class CliTests : IDisposable
{
    private static readonly string RunsFolder = Path.Combine(Path.GetTempPath(), "rl-cli-runs-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(RunsFolder)) Directory.Delete(RunsFolder, recursive: true);
    }

    /// <summary>Runs <c>rl</c>; train gets a temp --out so the tests leave no runs folder behind.</summary>
    internal static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        if (args.Length > 0 && args[0] == "train" && !args.Contains("--out")) args = [.. args, "--out", RunsFolder];
        var (output, error) = (new StringWriter(), new StringWriter());
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            return (RlCommand.Run(args), output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    [Theory]
    [InlineData(new[] { "train", "--env", "CartPole-v1", "--bogus" }, "error: '--bogus' is not an option or command of `rl train`. (see `rl train --help`)")]
    [InlineData(new[] { "reproduce", "roborally", "--runs", "many" }, "error: Cannot parse argument 'many' for option '--runs' as expected type 'System.Int32'. (see `rl reproduce roborally --help`)")]
    [InlineData(new[] { "trian" }, "error: 'trian' is not an option or command of `rl`. (see `rl --help`)")]
    public void WordsTheCommandLineDoesNotTakeAreOneErrorLineAndExitCode2(string[] args, string expected)
    {
        var (code, output, error) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal(expected, error.TrimEnd());
        Assert.Equal("", output);
    }

    [Fact]
    public void TrainWithTheSameSeedPrintsTheSameReturns()
    {
        var first = Run("train", "--env", "CartPole-v1", "--agent", "random", "--episodes", "5", "--seed", "3");
        var second = Run("train", "--env", "CartPole-v1", "--agent", "random", "--episodes", "5", "--seed", "3");
        Assert.Equal(0, first.ExitCode);
        static string[] Episodes(string output) => output.Split('\n').Where(l => l.StartsWith("episode", StringComparison.Ordinal)).ToArray();
        Assert.Equal(Episodes(first.Output), Episodes(second.Output)); // the summary line's timing differs
        Assert.Contains("random on CartPole-v1: ", first.Output);
        Assert.Contains("mean return of the last 5 episodes", first.Output);
        Assert.Equal(5, Episodes(first.Output).Length);
        Assert.NotEqual(Episodes(first.Output), Episodes(Run("train", "--episodes", "5", "--seed", "4").Output));
    }

    [Fact]
    public void AnUnknownEnvOrAgentIsOneClearErrorLine()
    {
        var env = Run("train", "--env", "CartPol-v1");
        Assert.Equal(2, env.ExitCode);
        Assert.Contains("error: Environment 'CartPol-v1' doesn't exist. Did you mean: 'CartPole-v1'", env.Error);
        var agent = Run("train", "--agent", "sarsa");
        Assert.Equal(2, agent.ExitCode);
        Assert.Contains("Unknown agent 'sarsa'; available: random, dqn", agent.Error);
    }

    [Fact]
    public void CheckEnvPrintsTheReportAndSucceeds()
    {
        var result = Run("check-env", "CartPoleNoVelocity-v1");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("render mode 'rgb_array' works", result.Output);
        Assert.Contains("0 failed", result.Output);
    }

    [Fact]
    public void EnvsListsEveryRegisteredId()
    {
        var result = Run("envs");
        Assert.Equal(0, result.ExitCode);
        foreach (var id in new[] { "CartPole-v0", "CartPole-v1", "FlickeringCartPole-v0", "CartPoleNoVelocity-v1", "CartPoleWeakPush-v1" })
            Assert.Contains(id, result.Output);
    }

    [Fact]
    public void RenderAndRecordWriteTheirFiles()
    {
        string folder = Path.Combine(Path.GetTempPath(), "rl-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            Assert.Equal(0, Run("render", "--env", "CartPole-v1", "--seed", "1", "--out", Path.Combine(folder, "frame.png")).ExitCode);
            Assert.True(File.Exists(Path.Combine(folder, "frame.png")));
            var record = Run("record", "--env", "CartPole-v1", "--episodes", "2", "--out", Path.Combine(folder, "videos"));
            Assert.Equal(0, record.ExitCode);
            Assert.Equal(["rl-video-episode-0.gif", "rl-video-episode-1.gif"],
                Directory.GetFiles(Path.Combine(folder, "videos")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void DqnTrainsForTheGivenStepsAndAMistypedConfigFieldIsNamed()
    {
        var result = Run("train", "--agent", "dqn", "--steps", "3000", "--seed", "1", "--quiet");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("dqn on CartPole-v1: 3000 steps", result.Output);
        var oneThread = Run("train", "--agent", "dqn", "--steps", "3000", "--seed", "1", "--quiet", "--threads", "1");
        Assert.Equal(0, oneThread.ExitCode);
        Assert.Contains("dqn on CartPole-v1: 3000 steps", oneThread.Output); // same results on any thread count: DqnAgentTests
        var noThreads = Run("train", "--agent", "dqn", "--steps", "200", "--threads", "0");
        Assert.Equal(2, noThreads.ExitCode);
        Assert.Contains("--threads must be positive; got 0", noThreads.Error);
        var runs = Run("runs", "--out", RunsFolder, "--plain");
        Assert.Contains("finished", runs.Output);
        string config = Path.Combine(Path.GetTempPath(), "dqn-config-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(config, """{ "learning_starts": 100, "gama": 0.9 }""");
        try
        {
            var bad = Run("train", "--agent", "dqn", "--steps", "200", "--config", config);
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("gama", bad.Error);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public void APpoConfigWithAnUnknownFieldIsOneErrorLineNamingItAndTheFieldsThereAre()
    {
        string config = Path.Combine(Path.GetTempPath(), "ppo-config-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(config, """{ "num_steps": 64, "clip_cof": 0.1 }""");
        try
        {
            var bad = Run("train", "--agent", "ppo", "--steps", "200", "--config", config);
            Assert.Equal(2, bad.ExitCode);
            string line = Assert.Single(bad.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: The PPO config has no field 'clip_cof'; its fields are anneal_lr, bootstrap_truncation, clip_coef, ", line);
            Assert.DoesNotContain(".NET", line);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public void EvalRunsTheLatestCheckpointGreedilyAndRecordsVideos()
    {
        var train = Run("train", "--agent", "dqn", "--steps", "2000", "--seed", "2", "--quiet");
        Assert.Equal(0, train.ExitCode);
        string id = Directory.GetDirectories(RunsFolder).Select(Path.GetFileName).Single(d => d!.StartsWith("cartpole-v1-dqn", StringComparison.Ordinal))!;
        var eval = Run("eval", "--run", id, "--episodes", "2", "--out", RunsFolder, "--record-video");
        Assert.Equal(0, eval.ExitCode);
        Assert.Contains($"{id} at step 2000: mean return", eval.Output);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(RunsFolder, id, "videos"), "eval-episode-*.gif").Length);
        var unknown = Run("eval", "--run", "cartpole-v1-dqn-nope", "--out", RunsFolder);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("cartpole-v1-dqn-nope", unknown.Error);
    }

    [Fact]
    public void ReproduceRoboRallyPrintsBothSchemesAndTheOracle()
    {
        string config = Path.Combine(Path.GetTempPath(), "planning-config-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(config, """{ "max_model_episodes": 200, "planning_steps": 200 }""");
        (int ExitCode, string Output, string Error) result;
        try
        {
            result = Run("reproduce", "roborally", "--runs", "1", "--episodes", "200", "--threads", "1", "--config", config);
        }
        finally
        {
            File.Delete(config);
        }
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("map paper (5×4): oracle optimal return 19 by RFFFF RFFFL RFFFR RFFFW; 25 of 1024 programs reach the goal, 24 reachable states", result.Output);
        Assert.Contains("roborally: 2 of 2 runs done", result.Error);
        Assert.Contains("end-to-end", result.Output);
        Assert.Contains("decomposed", result.Output);
        var badMap = Run("reproduce", "roborally", "--map", "no-such-map.txt");
        Assert.Equal(2, badMap.ExitCode);
        Assert.Contains("no-such-map.txt", badMap.Error);
    }

    [Fact]
    public void ReproduceRoboRallyRefusesAMapAboveTheSizeLimitBeforeRunning()
    {
        string path = Path.Combine(Path.GetTempPath(), "roborally-big-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(path, "start 0 39 north\n" + string.Concat(Enumerable.Repeat(new string('.', 40) + "\n", 39)) + new string('.', 39) + "G\n");
        (int ExitCode, string Output, string Error) result;
        try
        {
            result = Run("reproduce", "roborally", "--map", path, "--runs", "1");
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("40×40 = 1600 cells, 6400 states", result.Error);
        Assert.Contains("would take 2500 MiB. The limit is 1024 states (256 cells, e.g. 16×16; 64 MiB)", result.Error);
    }
}
