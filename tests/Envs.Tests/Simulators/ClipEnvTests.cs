using RlFramework.Envs.Simulators;
using RlFramework.Envs.Wrappers;

namespace RlFramework.Envs.Tests.Simulators;

/// <summary>What every labelled clip env guarantees: determinism per seed, the label from reset to the end, the episode shape.</summary>
public class ClipEnvTests
{
    public static TheoryData<string, int, int, int> Ids => new()
    {
        { "RoomRunner-v0", 64, 64, 2 },
        { "RoomRunnerDirect-v0", 64, 64, 2 },
        { "FunnelBoard-v0", 126, 75, 5 },
        { "FunnelBoardLowBounce-v0", 126, 75, 5 },
    };

    private static (List<byte[]> Frames, int Label, Info Last) Clip(string id, int seed)
    {
        using var env = Gym.Make<byte[], int>(id);
        var reset = env.Reset(seed: seed);
        int label = reset.Info.Get<int>("label");
        int frames = reset.Info.Get<int>("frames");
        var clip = new List<byte[]> { (byte[])reset.Observation.Clone() };
        while (true)
        {
            var step = env.Step(0);
            clip.Add((byte[])step.Observation.Clone());
            Assert.Equal(0.0, step.Reward);
            Assert.False(step.Truncated);
            if (step.Terminated)
            {
                Assert.Equal(frames, clip.Count);
                return (clip, label, step.Info);
            }
            Assert.False(step.Info.ContainsKey("label"));
            Assert.True(clip.Count < frames, $"{id} did not terminate after {frames} frames");
        }
    }

    [Theory, MemberData(nameof(Ids))]
    public void TheSameSeedGivesTheSameClipAndLabel(string id, int height, int width, int labels)
    {
        var first = Clip(id, 11);
        var second = Clip(id, 11);
        Assert.Equal(first.Label, second.Label);
        Assert.Equal(first.Frames.Count, second.Frames.Count);
        for (int i = 0; i < first.Frames.Count; i++) Assert.Equal(first.Frames[i], second.Frames[i]);
        Assert.Equal(height * width * 3, first.Frames[0].Length);
        Assert.InRange(first.Label, 0, labels - 1);
        Assert.Equal(first.Label, first.Last.Get<int>("label"));
        Assert.NotEqual(first.Frames[0], Clip(id, 12).Frames[0]);
    }

    [Theory, MemberData(nameof(Ids))]
    public void TheClipMovesAndStepsAfterTheEndAreRefused(string id, int height, int width, int labels)
    {
        using var env = (ClipEnv)Gym.Make(id).Unwrapped;
        Assert.Contains("Reset", Assert.Throws<InvalidOperationException>(() => env.Label).Message);
        var firstFrame = (byte[])env.Reset(seed: 3).Observation.Clone();
        Assert.Equal((height, width), (env.Height, env.Width));
        Assert.InRange(env.Label, 0, labels - 1);
        byte[] last = firstFrame;
        for (int i = 1; i < env.FrameCount; i++) last = env.Step(0).Observation;
        Assert.NotEqual(firstFrame, last);
        Assert.Contains("ended", Assert.Throws<InvalidOperationException>(() => env.Step(0)).Message);
    }

    [Theory, MemberData(nameof(Ids))]
    public void RecordVideoWritesAGifOfTheClip(string id, int height, int width, int labels)
    {
        string folder = Path.Combine(Path.GetTempPath(), "rl-clip-video-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var env = new RecordVideo<byte[], int>(Gym.Make<byte[], int>(id, renderMode: RenderMode.RgbArray), folder);
            var reset = env.Reset(seed: 5);
            Assert.InRange(reset.Info.Get<int>("label"), 0, labels - 1);
            while (!env.Step(0).Done) { }
            env.Close();
            var gif = File.ReadAllBytes(Assert.Single(env.Videos));
            Assert.Equal("GIF89a"u8.ToArray(), gif[..6]);
            Assert.Equal((width, height), (gif[6] | gif[7] << 8, gif[8] | gif[9] << 8)); // the logical screen size
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
