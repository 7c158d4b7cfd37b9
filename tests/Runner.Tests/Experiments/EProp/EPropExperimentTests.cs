using RlFramework.Agents.Drqn;
using RlFramework.Runner.Cli;
using RlFramework.Runner.Experiments.EProp;
using RlFramework.Runner.Tests.Runs;

namespace RlFramework.Runner.Tests.Experiments.EProp;

[Collection("console")]
public class EPropExperimentTests
{
    private static readonly DrqnConfig Tiny = new() { RandomEpisodes = 2, BatchSize = 4, HiddenSize = 8, WindowLength = 4, TrainFrequency = 2 };

    [Fact]
    public void A_trial_is_deterministic_and_counts_its_episodes()
    {
        var first = EPropDrqnExperiment.Run(EPropDrqnExperiment.Variants(Tiny, 0.1), ["FlickeringCartPole-v0"], 1, _ => 4, 2);
        var second = EPropDrqnExperiment.Run(EPropDrqnExperiment.Variants(Tiny, 0.1), ["FlickeringCartPole-v0"], 1, _ => 4, 1);
        Assert.Equal(3, first.Count);
        Assert.All(first, r => Assert.Equal(4, r.Episodes));
        Assert.All(first, r => Assert.Null(r.EpisodesToSolve));
        Assert.Equal(first.Select(r => (r.Variant, r.FinalMeanReturn, r.FinalGreedyReturn, r.Updates)), second.Select(r => (r.Variant, r.FinalMeanReturn, r.FinalGreedyReturn, r.Updates)));
        Assert.True(first[0].Updates > 0);
        var evaluated = DrqnTrial.Run("bptt", Tiny, "CartPole-v0", 0, 5, evalEvery: 2, evalEpisodes: 3);
        Assert.Equal([2, 4, 5], evaluated.Evaluations.Select(e => e.Episode));
        Assert.All(evaluated.Evaluations, e => Assert.InRange(e.MeanReturn, 1, 200));
        Assert.Equal(["bptt", "eprop κ=0.1"], EPropDrqnExperiment.Variants(Tiny, 0.1, ["eprop-scaled", "bptt"]).Select(v => v.Name));
        Assert.Contains("'bpt'", Assert.Throws<ArgumentException>(() => EPropDrqnExperiment.Variants(Tiny, 0.1, ["bpt"])).Message);
        Assert.Equal((3000, 800), (EPropDrqnExperiment.DefaultEpisodes("FlickeringCartPole-v0"), EPropDrqnExperiment.DefaultEpisodes("CartPole-v0")));
    }

    [Fact]
    public void Each_env_takes_its_default_burn_in_unless_a_config_sets_one()
    {
        var variants = EPropDrqnExperiment.Variants(Tiny with { BurnIn = 3 }, 0.1, ["bptt"]);
        string[] envs = ["CartPole-v0", "FlickeringCartPole-v0"];
        int BurnIn(EPropDrqnRun.Input input) => DrqnConfig.FromJson(input.ConfigJson).BurnIn;
        var defaults = EPropDrqnExperiment.Inputs(variants, envs, 1, _ => 4, burnIn: EPropDrqnExperiment.DefaultBurnIn);
        Assert.Equal([0, 5], defaults.Select(BurnIn));
        Assert.Equal([3, 3], EPropDrqnExperiment.Inputs(variants, envs, 1, _ => 4).Select(BurnIn));
    }

    [Fact]
    public void Tca_labels_name_the_channel_that_won_more_comparisons()
    {
        var task = new TcaTask(Delay: 3, ListenSteps: 5);
        var inputs = new float[task.Length * 16 * TcaTask.Channels];
        var labels = new float[16];
        task.Sample(new Random(1), 16, inputs, labels);
        for (int n = 0; n < 16; n++)
        {
            int wins = 0;
            for (int t = 0; t < task.Length; t++)
            {
                var x = inputs.AsSpan((t * 16 + n) * 4, 4);
                Assert.Equal(t < 5 ? 1f : 0f, x[2]);
                Assert.Equal(t == task.Length - 1 ? 1f : 0f, x[3]);
                if (x[0] > x[1]) wins++;
            }
            Assert.Equal(wins >= 3 ? 0f : 1f, labels[n]);
        }
        Assert.Contains(0f, labels);
        Assert.Contains(1f, labels);
        Assert.Throws<ArgumentException>(() => new TcaTask(ListenSteps: 4).Validate());
    }

    [Fact]
    public void Tca_variants_train_deterministically()
    {
        var task = new TcaTask(Delay: 2, ListenSteps: 3);
        foreach (var variant in TcaVariant.Standard())
        {
            var a = TcaExperiment.Run(variant, task, 1, iterations: 5, batchSize: 8, hiddenSize: 6, testSequences: 50);
            var b = TcaExperiment.Run(variant, task, 1, iterations: 5, batchSize: 8, hiddenSize: 6, testSequences: 50);
            Assert.Equal(a.TestError, b.TestError);
            Assert.InRange(a.TestError, 0, 1);
        }
    }

    [Fact]
    public void Tca_variants_are_selected_by_key_in_the_standard_order()
    {
        Assert.Equal(["bptt", "bptt-bias", "eprop-symmetric", "eprop-random", "eprop-extended"], TcaVariant.Select(null).Select(v => v.Key));
        var chosen = TcaVariant.Select(["eprop-extended", "bptt"], traceEcho: 0.5);
        Assert.Equal(["bptt", "eprop extended (bias +1.8, echo λ=0.5)"], chosen.Select(v => v.Name));
        Assert.Equal((false, 0.0), (chosen[0].EProp, chosen[0].ForgetGateBias));
        Assert.Equal((true, 1.8, 0.5), (chosen[1].EProp, chosen[1].ForgetGateBias, chosen[1].Options!.TraceEcho));
        var error = Assert.Throws<ArgumentException>(() => TcaVariant.Select(["bptt", "eprop"]));
        Assert.Contains("'eprop'", error.Message);
        Assert.Contains("eprop-extended", error.Message);
    }

    [Fact]
    public void Reproduce_commands_print_their_tables_and_refuse_bad_input()
    {
        string config = Path.Combine(Path.GetTempPath(), "eprop-drqn-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(config, """{"random_episodes": 2, "batch_size": 2, "hidden_size": 4, "window_length": 3, "burn_in": 1}""");
        try
        {
            using (var capture = new ConsoleCapture())
            {
                int code = RlCommand.Create().Parse(["reproduce", "eprop-drqn", "--seeds", "2", "--episodes", "3", "--envs", "CartPole-v0", "--memory-lengths", "4", "8",
                    "--config", config]).Invoke();
                Assert.True(code == 0, capture.Error);
                Assert.Contains("e-prop bytes held", capture.Output);
                Assert.Contains("eprop κ=0.01", capture.Output);
                Assert.Contains("final greedy return", capture.Output);
                Assert.Contains("bptt vs eprop (unsolved = budget + 1): Mann–Whitney U = 2.0 of 4, exact two-sided p = 1.000", capture.Output);
            }
            File.WriteAllText(config, """{"burn_in": -1}""");
            using (var capture = new ConsoleCapture())
            {
                Assert.Equal(2, RlCommand.Create().Parse(["reproduce", "eprop-drqn", "--skip-memory", "--config", config]).Invoke());
                Assert.Contains($"--config file '{config}'", capture.Error);
                Assert.Contains("burn_in = -1", capture.Error);
            }
        }
        finally
        {
            File.Delete(config);
        }
        using (var capture = new ConsoleCapture())
        {
            Assert.Equal(2, RlCommand.Create().Parse(["reproduce", "eprop-drqn", "--skip-memory", "--config", "/no/such/drqn.json"]).Invoke());
            Assert.Contains("--config file '/no/such/drqn.json' does not exist", capture.Error);
        }
        using (var capture = new ConsoleCapture())
        {
            Assert.Equal(0, RlCommand.Create().Parse(["reproduce", "eprop-tca", "--seeds", "1", "--iterations", "2", "--delay", "2"]).Invoke());
            Assert.Contains("eprop extended", capture.Output);
            Assert.DoesNotContain("% ± ", capture.Output); // one seed: a mean without a spread
        }
        using (var capture = new ConsoleCapture())
        {
            Assert.Equal(0, RlCommand.Create().Parse(["reproduce", "eprop-tca", "--seeds", "2", "--iterations", "2", "--delay", "2", "--variants", "bptt-bias"]).Invoke());
            Assert.Contains("bptt, forget bias +1.8 seed 1", capture.Output);
            Assert.Contains("% ± ", capture.Output);
            Assert.DoesNotContain("eprop", capture.Output);
        }
        using (var capture = new ConsoleCapture())
        {
            Assert.Equal(2, RlCommand.Create().Parse(["reproduce", "eprop-tca", "--variants", "bptt", "nope"]).Invoke());
            Assert.Contains("Unknown variant 'nope'", capture.Error);
        }
        using (var capture = new ConsoleCapture())
        {
            Assert.Equal(2, RlCommand.Create().Parse(["reproduce", "eprop-drqn", "--trace-scaling", "3", "--skip-memory"]).Invoke());
            Assert.Contains("trace_scaling = 3", capture.Error);
        }
    }

    [Fact]
    public void Rl_train_runs_the_drqn_agent()
    {
        string folder = Path.Combine(Path.GetTempPath(), "rl-drqn-" + Guid.NewGuid().ToString("N"));
        string config = Path.Combine(folder, "drqn.json");
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(config, """{"random_episodes": 2, "batch_size": 2, "hidden_size": 4, "window_length": 3, "learner": "e_prop"}""");
            using var capture = new ConsoleCapture();
            int code = RlCommand.Create().Parse(["train", "--env", "FlickeringCartPole-v0", "--agent", "drqn", "--episodes", "4", "--config", config, "--out", folder]).Invoke();
            Assert.True(code == 0, capture.Error);
            Assert.Contains("drqn on FlickeringCartPole-v0", capture.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
