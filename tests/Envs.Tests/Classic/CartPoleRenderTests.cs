using RlFramework.Envs.Classic;
using RlFramework.Renders;

namespace RlFramework.Envs.Tests.Classic;

public class CartPoleRenderTests
{
    private static readonly Color Pole = new(202, 152, 101), Axle = new(129, 132, 203);

    private static Frame RenderState(double[] state)
    {
        using var env = new CartPoleEnv(renderMode: RenderMode.RgbArray);
        env.Reset(seed: 0);
        env.State = state;
        return Assert.IsType<Frame>(env.Render());
    }

    [Fact]
    public void UprightCartAtTheCentreIsDrawnWhereGymnasiumDrawsIt()
    {
        var frame = RenderState([0, 0, 0, 0]);
        Assert.Equal((400, 600, 3), frame.Shape);
        Assert.Equal(Color.White, frame.GetPixel(50, 50));
        Assert.Equal(Color.Black, frame.GetPixel(280, 310));      // cart body, below the axle
        Assert.Equal(Color.Black, frame.GetPixel(10, 299));       // track line, 100 px above the bottom
        Assert.Equal(Color.White, frame.GetPixel(330, 310));      // right of the 50 px cart
        Assert.Equal(Pole, frame.GetPixel(300, 200));             // pole, straight up
        Assert.Equal(Color.White, frame.GetPixel(300, 170));      // above the 125 px pole's tip (y = 172.5)
        Assert.Equal(Axle, frame.GetPixel(300, 292));             // axle at the cart's top quarter
    }

    [Fact]
    public void CartMovesWithXAtTheScaleAndPoleLeansWithTheta()
    {
        var frame = RenderState([1.0, 0, 0.2, 0]);
        Assert.Equal(Color.Black, frame.GetPixel(425 - 20, 310));       // cart centre at 300 + 125 px
        Assert.Equal(Color.White, frame.GetPixel(300 - 20, 310));
        double alongPole = 100;                                         // a point on the pole's axis, leaning right
        int px = (int)Math.Round(425 + alongPole * Math.Sin(0.2)), py = (int)Math.Round(400 - (107.5 + alongPole * Math.Cos(0.2)));
        Assert.Equal(Pole, frame.GetPixel(px, py));
        Assert.Equal(Color.White, frame.GetPixel(425, py));             // the upright position is empty
    }

    [Fact]
    public void WithoutARenderModeRenderReturnsNothingAndAnUnknownModeIsRefused()
    {
        using var env = new CartPoleEnv();
        env.Reset(seed: 0);
        Assert.Null(env.Render());
        var error = Assert.Throws<ArgumentException>(() => new CartPoleEnv(renderMode: "human"));
        Assert.Contains("rgb_array", error.Message);
        Assert.Equal(50, env.Metadata.RenderFps);
    }
}
