using RlFramework.Renders;

namespace RlFramework.Benchmarks.Renders;

/// <summary>The 600×400 CartPole-like picture the Renders benchmarks draw, and a plausible 500-step episode of states.</summary>
public static class CartPoleScene
{
    /// <summary>Frame width.</summary>
    public const int Width = 600;

    /// <summary>Frame height.</summary>
    public const int Height = 400;

    private static readonly Color Pole = new(202, 152, 101);
    private static readonly Color Axle = new(129, 132, 203);

    /// <summary>White background, black track line and cart, brown pole rotated by theta about the axle, axle circle.</summary>
    public static void Draw(Canvas c, double x, double theta)
    {
        const double scale = Width / 4.8;
        const double cartY = Height - 100;
        var cartX = (x * scale) + (Width / 2.0);
        c.Clear(Color.White);
        c.DrawLine(0, cartY, Width, cartY, Color.Black);
        c.FillRectangle(cartX - 25, cartY - 15, 50, 30, Color.Black);
        c.Save();
        c.Translate(cartX, cartY - 7.5);
        c.Rotate(theta);
        c.FillRectangle(-5, -125 + 5, 10, 125, Pole);
        c.Restore();
        c.FillCircle(cartX, cartY - 7.5, 5, Axle);
    }

    /// <summary>State (x, theta) at step i of a smooth 500-step episode (cart within ±1.5 m, pole within ±0.2 rad).</summary>
    public static (double X, double Theta) State(int i) => (1.5 * Math.Sin(i * 0.013), 0.2 * Math.Sin(i * 0.09));
}
