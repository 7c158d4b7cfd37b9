using RlFramework.Envs.Wrappers;
using RlFramework.Renders.Video;

namespace RlFramework.Envs.Tests.Wrappers;

public sealed class RecordVideoTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rl-video-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private RecordVideo<float[], int> Make(Func<int, bool>? episodeTrigger = null, Func<int, bool>? stepTrigger = null, int videoLength = 0) =>
        new(Gym.Make<float[], int>("CartPole-v1", renderMode: RenderMode.RgbArray), _folder, episodeTrigger, stepTrigger, videoLength);

    private static void RunRandomSteps(RecordVideo<float[], int> env, int steps, List<int>? resetSteps = null)
    {
        env.Reset(seed: 123);
        env.ActionSpace.Seed(123);
        for (int i = 0; i < steps; i++)
        {
            var result = env.Step(env.ActionSpace.Sample());
            if (result.Done)
            {
                resetSteps?.Add(i);
                env.Reset();
            }
        }
    }

    [Fact]
    public void BothTriggersRecordWhatGymnasiumsTestRecords()
    {
        // Gymnasium's test_both_episodic_and_step_trigger: with reset(seed=123) and action_space.seed(123) its episodes
        // reset at loop steps 18, 44, 55, 80, 103, 117, 143, 173, 191, and three videos are written.
        using var env = Make(episodeTrigger: id => id is 0 or 3, stepTrigger: id => id == 100);
        var resets = new List<int>();
        RunRandomSteps(env, 199, resets);
        Assert.Equal([18, 44, 55, 80, 103, 117, 143, 173, 191], resets);
        env.Close();
        Assert.Equal(["rl-video-episode-0.gif", "rl-video-episode-3.gif", "rl-video-step-100.gif"],
            Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(3, env.Videos.Count);
    }

    [Fact]
    public void DefaultTriggerIsCappedCubic()
    {
        Assert.Equal([0, 1, 8, 27, 64, 125, 216, 343, 512, 729, 1000, 2000], Enumerable.Range(0, 2500).Where(VideoSchedules.CappedCubic));
        using var env = Make();
        RunRandomSteps(env, 199);
        env.Close();
        Assert.Equal(["rl-video-episode-0.gif", "rl-video-episode-1.gif", "rl-video-episode-8.gif"],
            Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void VideoLengthStopsAfterMoreThanThatManyFrames()
    {
        using var env = Make(stepTrigger: id => id == 0, videoLength: 10);
        env.Reset(seed: 123);
        env.ActionSpace.Seed(123);
        for (int i = 0; i < 10; i++) env.Step(env.ActionSpace.Sample());
        Assert.True(env.IsRecording);
        env.Step(env.ActionSpace.Sample());
        Assert.False(env.IsRecording);
        Assert.Single(env.Videos);
    }

    [Fact]
    public void AnEpisodeVideoHoldsTheResetFrameAndEveryStepFrameOnly()
    {
        using var env = Make(episodeTrigger: id => id == 1);
        env.Reset(seed: 5);
        env.ActionSpace.Seed(5);
        int steps = 0;
        while (!env.Step(env.ActionSpace.Sample()).Done) { }
        env.Reset();
        while (!env.Step(env.ActionSpace.Sample()).Done) steps++;
        Assert.Equal(steps + 2, env.RecordedFrames); // reset frame + every step of episode 1, nothing of episode 0
        env.Close();
        Assert.True(File.Exists(Path.Combine(_folder, "rl-video-episode-1.gif")));
    }

    [Fact]
    public void EnvsWithoutRgbRendersAreRefusedWithTheRenderMode()
    {
        var error = Assert.Throws<ArgumentException>(() => new RecordVideo<float[], int>(Gym.Make<float[], int>("CartPole-v1"), _folder));
        Assert.Contains("render mode 'none'", error.Message);
        Assert.Contains("rgb_array", error.Message);
    }

    [Fact]
    public void FpsComesFromTheEnvsMetadata()
    {
        using var env = Make();
        Assert.Equal(50, env.Fps);
        Assert.Equal(VideoFormat.Gif, env.Format);
    }
}
