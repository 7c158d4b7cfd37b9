using System.Buffers.Binary;
using System.Text.Json;
using RlFramework.Runner.Protos;
using RlFramework.Runner.Runs;
using RlFramework.Runner.Tests.Logging;
using RlFramework.Runner.Training;

namespace RlFramework.Runner.Tests.Reliability;

/// <summary>The defects of a user stepping off the main path (budgets, evaluation width, locks, errors, resume), each as the user meets it: through the CLI.</summary>
[Collection("console")]
public sealed class RunReliabilityTests : IDisposable
{
    private readonly TempDir _folder = new();

    public void Dispose() => _folder.Dispose();

    private (int ExitCode, string Output, string Error) Rl(params string[] args) => CliTests.Run([.. args, "--out", _folder.Path]);

    private IReadOnlyList<RunRecord> Runs()
    {
        if (!RunRegistry.Exists(_folder.Path)) return [];
        using var registry = RunRegistry.Open(_folder.Path);
        return registry.List();
    }

    private string OnlyRunId() => Assert.Single(Runs()).Id;

    private string RunFolder(string id) => Path.Combine(_folder.Path, id);

    private static string[] EpisodeLines(string output) => output.Split('\n').Where(l => l.StartsWith("episode", StringComparison.Ordinal)).ToArray();

    [Theory]
    [InlineData("dqn")]
    [InlineData("random")]
    [InlineData("ppo")]
    public void AnEpisodeBudgetEndsFinishedAndResumeExtendsIt(string agent)
    {
        var first = Rl("train", "--agent", agent, "--episodes", "30", "--seed", "2");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(30, EpisodeLines(first.Output).Length);
        var record = Assert.Single(Runs());
        Assert.Equal(RunStatus.Finished, record.Status);
        var spec = RunSpec.Read(RunFolder(record.Id));
        Assert.Equal(TrainingBudget.InEpisodes(30), spec.Budget);

        var again = Rl("train", "--resume", record.Id);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already finished its budget (30 episodes)", again.Error);

        var extended = Rl("train", "--resume", record.Id, "--episodes", "35");
        Assert.Equal(0, extended.ExitCode);
        Assert.Equal(5, EpisodeLines(extended.Output).Length);
        Assert.Contains("episode    35", extended.Output);
        Assert.Equal(RunStatus.Finished, Assert.Single(Runs()).Status);
        Assert.Equal(TrainingBudget.InEpisodes(35), RunSpec.Read(RunFolder(record.Id)).Budget);
    }

    [Fact]
    public void TheFullConfigIsRecordedInTheRunSpecAndTensorBoard()
    {
        Assert.Equal(0, Rl("train", "--agent", "dqn", "--episodes", "20", "--quiet").ExitCode);
        string id = OnlyRunId();
        var config = JsonDocument.Parse(RunSpec.Read(RunFolder(id)).AgentConfig!).RootElement;
        Assert.Equal(20, config.GetProperty("total_episodes").GetInt64());
        Assert.Equal(0.99, config.GetProperty("gamma").GetDouble());
        Assert.Equal(10_000, config.GetProperty("buffer_size").GetInt32());
        string events = Directory.EnumerateFiles(RunFolder(id), "events.out.tfevents.*").Single();
        var text = Records(events).Select(Event.Parser.ParseFrom).SelectMany(e => e.Summary?.Value ?? [])
            .Single(v => v.Tag == "hyperparameters/text_summary");
        Assert.Equal("text", text.Metadata.PluginData.PluginName);
        string table = text.Tensor.StringVal.Single().ToStringUtf8();
        Assert.StartsWith("|param|value|\n|-|-|\n", table);
        Assert.Contains("|learning_rate|0.00025|", table);
        Assert.Contains("|env_id|CartPole-v1|", table);
    }

    private static IEnumerable<byte[]> Records(string path)
    {
        var bytes = EventFileReader.ReadShared(path);
        for (int at = 0; at < bytes.Length;)
        {
            int length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at));
            yield return bytes.AsSpan(at + 12, length).ToArray();
            at += 12 + length + 4;
        }
    }

    [Theory]
    [InlineData("dqn")]
    [InlineData("drqn")]
    [InlineData("ppo")]
    public void EvaluationWorksWithSeveralTrainingEnvs(string agent)
    {
        var train = Rl("train", "--agent", agent, "--num-envs", "2", "--steps", "2000", "--eval-every", "1000", "--eval-episodes", "2", "--quiet");
        Assert.True(train.ExitCode == 0, train.Error);
        string id = OnlyRunId();
        var evalRows = File.ReadAllLines(Path.Combine(RunFolder(id), "metrics.csv")).Count(l => l.Contains(",eval/episodic_return,"));
        Assert.Equal(2, evalRows);
        var eval = CliTests.Run("eval", "--run", id, "--episodes", "2", "--out", _folder.Path);
        Assert.True(eval.ExitCode == 0, eval.Error);
        Assert.Contains("mean return", eval.Output);
    }

    [Fact]
    public void AFailingSubscriberFailsTheRunVisibly()
    {
        Assert.Equal(0, Rl("train", "--agent", "dqn", "--steps", "1000", "--quiet").ExitCode);
        string id = OnlyRunId();
        using (var run = TrainingRun.Resume(_folder.Path, id, (spec, o, a) => new Agents.Dqn.DqnAgent(new() { LearningStarts = 10 }, o, ((Envs.Spaces.Discrete)a).N), TextWriter.Null,
                   spec => spec with { TotalSteps = 3000 }))
        {
            using var failing = System.Reactive.Linq.Observable.Select(run.Loop.Steps, s => s.Step > 1500 ? throw new InvalidOperationException("evaluation broke") : s)
                .Subscribe(_ => { }, e => throw e);
            var error = Assert.Throws<InvalidOperationException>(() => run.Run());
            Assert.Equal("evaluation broke", error.Message);
        }
        var record = Assert.Single(Runs());
        Assert.Equal(RunStatus.Failed, record.Status);
    }

    [Fact]
    public void ASecondWriterOfARunIsRefusedWithTheHoldersPid()
    {
        Assert.Equal(0, Rl("train", "--agent", "random", "--steps", "500", "--quiet").ExitCode);
        string id = OnlyRunId();
        using (RunLock.Acquire(RunFolder(id), id))
        {
            var second = Rl("train", "--resume", id, "--steps", "1000");
            Assert.Equal(2, second.ExitCode);
            Assert.Contains($"is in use by another process (pid {Environment.ProcessId} on", second.Error);
        }
        Assert.Equal(0, Rl("train", "--resume", id, "--steps", "1000", "--quiet").ExitCode);
    }

    [Theory]
    [InlineData("--seed", "-1", "--seed must be a non-negative number; got -1")]
    [InlineData("--env", "RoomRunner-v0", "these agents need a Box of float vectors")]
    [InlineData("--num-envs", "0", "--num-envs must be positive; got 0")]
    public void BadInputIsRefusedBeforeARunIsRegistered(string option, string value, string message)
    {
        var result = Rl("train", "--agent", "dqn", option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error);
        Assert.Contains(message, result.Error);
        Assert.Empty(Runs());
    }

    [Fact]
    public void BadConfigsAreOneErrorLineAndNoRun()
    {
        File.WriteAllText(_folder.File("huge.json"), """{ "buffer_size": 1000000000 }""");
        var huge = Rl("train", "--agent", "dqn", "--config", _folder.File("huge.json"));
        Assert.Equal(2, huge.ExitCode);
        Assert.Contains("DQN config buffer_size = 1,000,000,000 is too large", huge.Error);
        File.WriteAllText(_folder.File("twice.json"), """{ "learning_rate": 0.001, "learning_rate": 0.002 }""");
        var twice = Rl("train", "--agent", "dqn", "--config", _folder.File("twice.json"));
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("learning_rate", twice.Error);
        Assert.Empty(Runs());
    }

    [Fact]
    public void AnOutOfRangeArgumentIsOneLine()
    {
        var result = CliTests.Run("bench", "render", "--frames", "-5");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --frames must be at least 1, got -5.", result.Error.TrimEnd());
    }

    [Fact]
    public void ACorruptRunSpecIsAnErrorLineAndVerboseAddsTheStackTrace()
    {
        Assert.Equal(0, Rl("train", "--agent", "random", "--steps", "500", "--quiet").ExitCode);
        string id = OnlyRunId();
        File.WriteAllText(Path.Combine(RunFolder(id), RunSpec.FileName), "{ \"EnvId\": ");
        var plain = Rl("train", "--resume", id);
        Assert.Equal(2, plain.ExitCode);
        Assert.StartsWith($"error: Cannot read the run spec {Path.Combine(RunFolder(id), RunSpec.FileName)}", plain.Error);
        Assert.DoesNotContain("   at ", plain.Error);
        var verbose = Rl("train", "--resume", id, "--verbose");
        Assert.Equal(2, verbose.ExitCode);
        Assert.Contains("   at ", verbose.Error);
    }

    [Fact]
    public void ResumeRefusesOptionsThatWouldChangeTheRun()
    {
        Assert.Equal(0, Rl("train", "--agent", "random", "--steps", "500", "--quiet").ExitCode);
        string id = OnlyRunId();
        var conflict = Rl("train", "--resume", id, "--env", "CartPole-v0", "--seed", "9");
        Assert.Equal(2, conflict.ExitCode);
        Assert.Contains("--env, --seed cannot change it", conflict.Error);
        var unit = Rl("train", "--resume", id, "--episodes", "10");
        Assert.Equal(2, unit.ExitCode);
        Assert.Contains("extend it in the same unit (--steps)", unit.Error);
        var extended = Rl("train", "--resume", id, "--steps", "800", "--quiet");
        Assert.Equal(0, extended.ExitCode);
        Assert.Contains("300 steps", extended.Output);
    }

    [Fact]
    public void RecordTakesATrainedRunAndRenderRefusesNonPngNames()
    {
        var dqn = CliTests.Run("record", "--agent", "dqn", "--out", _folder.File("videos"));
        Assert.Equal(2, dqn.ExitCode);
        Assert.Contains("Record a trained agent with --run RUN", dqn.Error);

        Assert.Equal(0, Rl("train", "--agent", "dqn", "--steps", "1000", "--quiet").ExitCode);
        var trained = CliTests.Run("record", "--run", OnlyRunId(), "--runs", _folder.Path, "--episodes", "1", "--out", _folder.File("videos"));
        Assert.True(trained.ExitCode == 0, trained.Error);
        Assert.Single(Directory.GetFiles(_folder.File("videos"), "*.gif"));

        var jpeg = CliTests.Run("render", "--out", _folder.File("frame.jpg"));
        Assert.Equal(2, jpeg.ExitCode);
        Assert.Contains("must end in .png", jpeg.Error);
        Assert.False(File.Exists(_folder.File("frame.jpg")));
    }
}
