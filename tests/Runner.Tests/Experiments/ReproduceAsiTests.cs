using RlFramework.Agents.Trainers.Asi;
using RlFramework.Agents.Trainers.Asi.Classifiers;
using RlFramework.Envs;
using RlFramework.Renders;
using RlFramework.Runner.Cli;
using RlFramework.Runner.Datasets;
using RlFramework.Runner.Experiments.Asi;
using RlFramework.Runner.Tests.Runs;

namespace RlFramework.Runner.Tests.Experiments;

[Collection("console")]
public sealed class ReproduceAsiTests
{
    private static readonly AsiExperimentSettings Tiny = new()
    {
        Config = new AsiConfig { Kernels = 2, Horizon = 5, ModelEvaluations = 20, ExplorationSteps = 2, TrajectoriesPerBatch = 1 },
        TrainTrajectories = 2,
        ValidationTrajectories = 1,
        Checkpoints = 2,
    };

    [Fact]
    public void SmokeRunGeneratesClipsPrintsEveryMethodAndWritesThePlot()
    {
        using var folder = new TempDir();
        string plot = folder.File("asi.png");
        using (var console = new ConsoleCapture())
        {
            int code = RlCommand.Create().Parse(["reproduce", "asi", "--task", "rooms", "--kernels", "2", "--horizon", "5", "--evaluations", "1", "--exploration-steps", "2", "--change-weight", "50", "--change-mask", "union", "--exploration-margin", "0.5", "--rollout-length", "clip",
                "--batch", "1", "--train-trajectories", "2", "--val-trajectories", "1", "--checkpoints", "1", "--plot", plot, "--rollouts", folder.File("rollouts")]).Invoke();
            Assert.True(code == 0, console.Error);
            foreach (var method in AsiMethod.All) Assert.Contains($"rooms  {method.Name}", console.Output);
            Assert.Contains("RoomRunner-v0: 2 training + 1 validation trajectories", console.Output);
            Assert.DoesNotContain('\u001b', console.Output); // redirected output is plain text, the table title too
        }
        Assert.Equal(560, Png.Load(plot).Width);
        // One picture per run: a title row, then the recorded frames above the rollout, each row labelled (150 px), 8 frames of
        // 64×64 drawn 2× with 4 px gaps and a 14 px caption each.
        var strip = Png.Load(folder.File("rollouts/rooms-dt2-step000001.png"));
        Assert.Equal((150 + 8 * 132 + 4, 24 + 2 * 146 + 4), (strip.Width, strip.Height));
        Assert.Equal(4, Directory.GetFiles(folder.File("rollouts"), "*.png").Length);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void DatasetFilesGiveTheSimulatorsClips()
    {
        using var folder = new TempDir();
        string file = folder.File("rooms.msgpack");
        ClipDataset.Write("RoomRunner-v0", 2, 5, file, workers: 1);
        var (envId, clips) = AsiDataFile.Load(file);
        Assert.Equal("RoomRunner-v0", envId);
        using var env = Gym.Make<byte[], int>("RoomRunner-v0");
        var seeds = ClipDataset.TrajectorySeeds(5, 2);
        for (int i = 0; i < 2; i++)
        {
            var expected = TrajectoryGenerator.Record(env, seeds[i]);
            Assert.Equal(expected.Frames, clips[i].Frames);
            Assert.Equal(expected.Label, clips[i].Label);
        }
        using var console = new ConsoleCapture();
        Assert.Equal(2, RlCommand.Create().Parse(["reproduce", "asi", "--data", file, "--train-trajectories", "2", "--val-trajectories", "1"]).Invoke());
        Assert.Contains("holds 2 clips", console.Error);
        Assert.Equal(2, RlCommand.Create().Parse(["reproduce", "asi", "--data", file, "--task", "rooms"]).Invoke());
        Assert.Contains("leave out --task", console.Error);
    }

    [Fact]
    public void BadOptionsAreNamed()
    {
        using var console = new ConsoleCapture();
        Assert.Equal(2, RlCommand.Create().Parse(["reproduce", "asi", "--task", "cards"]).Invoke());
        Assert.Contains("--task 'cards' is unknown", console.Error);
        Assert.Equal(2, RlCommand.Create().Parse(["reproduce", "asi", "--task", "rooms", "--kernels", "0"]).Invoke());
        Assert.Contains("kernels = 0", console.Error);
        Assert.Equal(2, RlCommand.Create().Parse(["reproduce", "asi", "--task", "rooms", "--methods", "asi,dt3"]).Invoke());
        Assert.Contains("--methods 'asi,dt3' is invalid", console.Error);
        Assert.Equal(2, RlCommand.Create().Parse(["reproduce", "asi", "--task", "rooms", "--rollout-length", "half"]).Invoke());
        Assert.Contains("--rollout-length 'half' is unknown", console.Error);
        Assert.Equal(2, RlCommand.Create().Parse(["reproduce", "asi", "--task", "rooms", "--door-growth", "-1"]).Invoke());
        Assert.Contains("--door-growth -1", console.Error);
        Assert.Equal(2, RlCommand.Create().Parse(["reproduce", "asi", "--task", "rooms", "--change-mask", "input"]).Invoke());
        Assert.Contains("--change-mask 'input' is unknown", console.Error);
        Assert.Equal(2, RlCommand.Create().Parse(["reproduce", "asi", "--task", "rooms", "--exploration-margin", "2"]).Invoke());
        Assert.Contains("exploration_margin = 2", console.Error);
    }

    [Fact]
    public void MethodsAreChosenByKeyInTableOrder()
    {
        Assert.Equal(["ASI", "Δt=2"], AsiMethod.Parse("dt2, asi").Select(m => m.Name));
        Assert.Equal(AsiMethod.All, AsiMethod.Parse("all"));
        Assert.Throws<ArgumentException>(() => AsiMethod.Parse(","));
    }

    [Fact]
    public void TasksCarryThePapersSettings()
    {
        var rooms = AsiTask.Rooms.Configure(new AsiConfig());
        Assert.Equal((16, AsiArchitecture.Strided, 7_500), (rooms.Kernels!.Value, rooms.Architecture!.Value, rooms.ExplorationSteps!.Value));
        var funnel = AsiTask.Funnel.Configure(new AsiConfig());
        Assert.Equal((8, AsiArchitecture.Dilated, 15_000), (funnel.Kernels!.Value, funnel.Architecture!.Value, funnel.ExplorationSteps!.Value));
        Assert.Equal(0, AsiMethod.All[1].Configure(rooms).ExplorationSteps);
        Assert.Equal(3, ((RoomRunnerClassifier)AsiTask.Rooms.WithDoorGrowth(3).Classifier).DoorGrowth);
        Assert.Same(AsiTask.Funnel, AsiTask.Funnel.WithDoorGrowth(3));
    }

    [Fact]
    public void SameSeedGivesTheSameCurvesWhateverTheParallelism()
    {
        // The first 12 frames of three Room Runner clips keep the test fast.
        var rooms = TrajectoryGenerator.Generate(AsiTask.Rooms.EnvId, 3, 0).Select(t => new AsiTrajectory(t.Frames[..(12 * t.FrameSize)], 12, t.Height, t.Width, t.Label)).ToArray();
        var data = new AsiTaskData(AsiTask.Rooms, rooms[..2], rooms[2..]);
        var parallel = AsiExperiment.Run([data], Tiny with { Parallelism = 2 }, _ => { });
        var serial = AsiExperiment.Run([data], Tiny with { Parallelism = 1 }, _ => { });
        Assert.Equal(AsiMethod.All.Select(m => m.Name), parallel.Select(r => r.Method));
        Assert.Equal(serial.Count, parallel.Count);
        for (int i = 0; i < serial.Count; i++) Assert.Equal(serial[i].Curve, parallel[i].Curve);
        // Every run evaluates after the first step that spends 10 and 20 of its 20 model evaluations; Δt = 1
        // evaluates every frame of each sampled chain (11 per 12-frame clip), so it evaluates after steps 1 and 2.
        Assert.All(parallel, r => Assert.True(r.Curve.Count == 2 && r.Curve[0].ModelEvaluations >= 10 && r.Curve[1].ModelEvaluations >= 20));
        var dt1 = parallel.Single(r => r.Method == "Δt=1");
        Assert.Equal([(1, 11L), (2, 22L)], dt1.Curve.Select(p => (p.Step, p.ModelEvaluations)));
    }

    [Fact]
    public void SeedsRunEachMethodFromConsecutiveModelSeedsOnTheSameClips()
    {
        var rooms = TrajectoryGenerator.Generate(AsiTask.Rooms.EnvId, 3, 0).Select(t => new AsiTrajectory(t.Frames[..(12 * t.FrameSize)], 12, t.Height, t.Width, t.Label)).ToArray();
        var data = new AsiTaskData(AsiTask.Rooms, rooms[..2], rooms[2..]);
        var settings = Tiny with { Methods = AsiMethod.Parse("asi"), Seed = 4 };
        var three = AsiExperiment.Run([data], settings with { Seeds = 3 }, _ => { });
        Assert.Equal([4, 5, 6], three.Select(r => r.Seed));
        // The first of them is the one-seed run; another seed trains another model.
        Assert.Equal(AsiExperiment.Run([data], settings, _ => { })[0].Curve, three[0].Curve);
        Assert.NotEqual(three[0].Curve.Select(p => p.Loss), three[1].Curve.Select(p => p.Loss));
        Assert.Throws<ArgumentException>(() => AsiExperiment.Run([data], settings with { Seeds = 0 }, _ => { }));
    }
}
