using RlFramework.Envs.RoboRally;
using RlFramework.Envs.Wrappers;
using RlFramework.Renders;

namespace RlFramework.Envs.Tests.RoboRally;

public class RoboRallyRenderTests
{
    [Fact]
    public void AnsiShowsTheBoardAndTheRobotsHeading()
    {
        using var env = Gym.Make<float[], int>("RoboRally-Pitahead-v0", renderMode: RenderMode.Ansi);
        env.Reset();
        env.Step((int)RoboRallyAction.TurnRight);
        var text = (string)env.Render()!;
        var lines = text.Split('\n');
        Assert.Equal("O^..", lines[0]);
        Assert.Equal("L^#.", lines[1]);
        Assert.Contains("→", lines[3]);
        Assert.EndsWith("..G", lines[3]);
        Assert.Contains("step 1/5", text);
    }

    [Fact]
    public void ThePictureShowsCellsAndRobot()
    {
        using var env = Gym.Make<float[], int>("RoboRally-Pitahead-v0", renderMode: RenderMode.RgbArray);
        env.Reset();
        var frame = (Frame)env.Render()!;
        Assert.Equal((4 * 48, 4 * 48), (frame.Width, frame.Height));
        const int S = RoboRallyEnv.CellPixels;
        var laser = frame.GetPixel(S / 2 + 10, 2 * S + S / 2);     // the beam across the laser cell (0,2)
        Assert.True(laser.R > 180 && laser.G < 80, $"laser pixel {laser}");
        var wall = frame.GetPixel(2 * S + S / 2, S + S / 2);        // (2,1) is a wall
        Assert.True(wall.R < 100 && wall.G < 100, $"wall pixel {wall}");
        var robot = frame.GetPixel(S / 2 - 12, 3 * S + S / 2);      // robot body at the start (0,3)
        Assert.True(robot.B > 150 && robot.R < 100, $"robot pixel {robot}");
        env.Step((int)RoboRallyAction.TurnRight);
        env.Step((int)RoboRallyAction.MoveForward);
        var moved = (Frame)env.Render()!;
        Assert.NotEqual(robot, moved.GetPixel(S / 2 - 12, 3 * S + S / 2));
    }

    [Fact]
    public void RecordVideoWritesAGifOfAnEpisode()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"roborally-video-{Guid.NewGuid():N}");
        try
        {
            using (var env = new RecordVideo<float[], int>(Gym.Make<float[], int>("RoboRally-Pitahead-v0", renderMode: RenderMode.RgbArray), folder))
            {
                env.Reset(seed: 0);
                foreach (int a in new[] { 2, 0, 0, 0, 3 }) env.Step(a);
            }
            var gif = Assert.Single(Directory.GetFiles(folder, "*.gif"));
            Assert.True(new FileInfo(gif).Length > 100);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
