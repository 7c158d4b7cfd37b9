using RlFramework.Envs.Classic;
using RlFramework.Renders;

namespace RlFramework.Envs.Tests.Classic;

/// <summary>The pictures of MountainCar, Acrobot and Pendulum: Gymnasium's sizes, colours and where the shapes are.</summary>
public class ClassicControlRenderTests
{
    private static readonly Color Wheel = new(128, 128, 128), Flag = new(204, 204, 0);
    private static readonly Color Link = new(0, 204, 204), Joint = new(204, 204, 0), Rod = new(204, 77, 77);

    [Fact]
    public void MountainCarDrawsTheCarOnTheTrackAndTheFlagAtTheGoal()
    {
        using var car = new MountainCarEnv(renderMode: RenderMode.RgbArray);
        car.State = [-0.5, 0];
        var frame = Assert.IsType<Frame>(car.Render());
        Assert.Equal((400, 600, 3), frame.Shape);
        double scale = 600 / 1.8, x = 0.7 * scale, ground = 400 - (10 + MountainCarEnv.Height(-0.5) * scale);
        Assert.Equal(Color.Black, frame.GetPixel((int)x, (int)(ground - 15)));            // car body, tilted by cos(-1.5)
        Assert.Equal(Wheel, frame.GetPixel((int)(x + 10), (int)(ground + 1)));            // right wheel, radius 8
        Assert.Equal(Color.White, frame.GetPixel((int)x, (int)(ground - 30)));            // above the 20 px car
        int flagX = (int)(1.7 * scale), flagY = 400 - (int)(MountainCarEnv.Height(0.5) * scale);
        Assert.Equal(Color.Black, frame.GetPixel(flagX, flagY - 25));                      // the pole
        Assert.Equal(Flag, frame.GetPixel(flagX + 8, flagY - 45));                         // the pennant
        Assert.Equal(Color.White, frame.GetPixel(300, 20));
    }

    [Fact]
    public void ContinuousMountainCarPutsTheFlagAtItsGoal()
    {
        using var car = new ContinuousMountainCarEnv(renderMode: RenderMode.RgbArray);
        car.State = [-0.5, 0];
        var frame = Assert.IsType<Frame>(car.Render());
        int flagX = (int)(1.65 * 600 / 1.8), flagY = 400 - (int)(MountainCarEnv.Height(0.45) * 600 / 1.8);
        Assert.Equal(Flag, frame.GetPixel(flagX + 8, flagY - 45));
    }

    [Fact]
    public void MountainCarAnsiShowsTheValleyTheCarAndTheFlag()
    {
        using var car = new MountainCarEnv(renderMode: RenderMode.Ansi);
        car.Reset(seed: 0);
        var text = Assert.IsType<string>(car.Render());
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(MountainCarEnv.TextRows + 1, lines.Length);
        Assert.Single(text, c => c == '@');
        Assert.Single(text, c => c == 'F');
        Assert.True(text.IndexOf('@') % (MountainCarEnv.TextColumns + 1) < text.IndexOf('F') % (MountainCarEnv.TextColumns + 1));
        Assert.StartsWith("position -0.4726  velocity +0.0000  goal 0.50", lines[^1]);
    }

    [Fact]
    public void AcrobotHangingDownDrawsBothLinksBelowThePivotAndTheBarAbove()
    {
        using var acrobot = new AcrobotEnv(renderMode: RenderMode.RgbArray);
        acrobot.State = [0, 0, 0, 0];
        var frame = Assert.IsType<Frame>(acrobot.Render());
        Assert.Equal((500, 500, 3), frame.Shape);
        double scale = 500 / 4.4;
        Assert.Equal(Joint, frame.GetPixel(250, 250));                          // the fixed joint
        Assert.Equal(Link, frame.GetPixel(250, (int)(250 + 0.5 * scale)));      // link 1, straight down
        Assert.Equal(Joint, frame.GetPixel(250, (int)(250 + scale)));           // the middle joint
        Assert.Equal(Link, frame.GetPixel(250, (int)(250 + 1.5 * scale)));      // link 2
        Assert.Equal(Color.White, frame.GetPixel(250, (int)(250 - 0.5 * scale)));
        Assert.Equal(Color.Black, frame.GetPixel(30, (int)(250 - scale)));      // the bar, one link above the pivot
    }

    [Fact]
    public void AcrobotFirstLinkTurnsWithTheta1()
    {
        using var acrobot = new AcrobotEnv(renderMode: RenderMode.RgbArray);
        acrobot.State = [Math.PI / 2, 0, 0, 0]; // link 1 points right
        var frame = Assert.IsType<Frame>(acrobot.Render());
        double scale = 500 / 4.4;
        Assert.Equal(Link, frame.GetPixel((int)(250 + 0.5 * scale), 250));
        Assert.Equal(Color.White, frame.GetPixel(250, (int)(250 + 0.5 * scale)));
    }

    [Fact]
    public void PendulumUprightDrawsTheRodUpAndThePivotBlack()
    {
        using var pendulum = new PendulumEnv(renderMode: RenderMode.RgbArray);
        pendulum.State = [0, 0];
        var frame = Assert.IsType<Frame>(pendulum.Render());
        Assert.Equal((500, 500, 3), frame.Shape);
        double scale = 500 / 4.4;
        Assert.Equal(Color.Black, frame.GetPixel(250, 250));
        Assert.Equal(Rod, frame.GetPixel(250, (int)(250 - 0.5 * scale)));
        Assert.Equal(Rod, frame.GetPixel(250, (int)(250 - scale)));             // the rounded end
        Assert.Equal(Color.White, frame.GetPixel(250, (int)(250 + 0.5 * scale)));
        pendulum.State = [Math.PI / 2, 0];                                       // θ counter-clockwise: the rod points left
        frame = Assert.IsType<Frame>(pendulum.Render());
        Assert.Equal(Rod, frame.GetPixel((int)(250 - 0.5 * scale), 250));
    }

    [Fact]
    public void PendulumArrowGrowsWithTheTorqueAndTurnsItsWay()
    {
        using var pendulum = new PendulumEnv(renderMode: RenderMode.RgbArray);
        pendulum.Reset(seed: 0);
        pendulum.State = [Math.PI, 0]; // hanging down: the arrow around the pivot is not hidden by the rod above it
        pendulum.Step([-2f]);
        var clockwise = Assert.IsType<Frame>(pendulum.Render());
        double radius = 500 / 4.4 * 2 / 2 * 0.45;
        Assert.Equal(Color.Black, clockwise.GetPixel(250, (int)Math.Round(250 - radius)));   // the arc starts at the top
        Assert.Equal(Color.Black, clockwise.GetPixel((int)Math.Round(250 + radius), 250));   // and runs through the right
        pendulum.State = [Math.PI, 0];
        pendulum.Step([1f]);
        var counter = Assert.IsType<Frame>(pendulum.Render());
        Assert.Equal(Color.Black, counter.GetPixel((int)Math.Round(250 - radius / 2), 250)); // half the size, through the left
        Assert.Equal(Color.White, counter.GetPixel((int)Math.Round(250 - radius), 250));
        pendulum.Reset(seed: 0);
        Assert.Null(pendulum.LastTorque);
    }

    [Fact]
    public void RenderBeforeResetAndWithoutAModeBehaveAsCartPoles()
    {
        using var acrobot = new AcrobotEnv(renderMode: RenderMode.RgbArray);
        Assert.Throws<InvalidOperationException>(() => acrobot.Render());
        using var quiet = new PendulumEnv();
        quiet.Reset(seed: 0);
        Assert.Null(quiet.Render());
        Assert.Contains("rgb_array", Assert.Throws<ArgumentException>(() => new PendulumEnv(renderMode: RenderMode.Ansi)).Message);
        Assert.Equal(15, acrobot.Metadata.RenderFps);
        Assert.Equal(30, quiet.Metadata.RenderFps);
    }
}
