namespace RlFramework.Renders.Tests.Support;

/// <summary>Test pictures.</summary>
internal static class Scenes
{
    /// <summary>A CartPole-like 600×400 picture: white background, track line, black cart, brown rotated pole, axle circle.</summary>
    internal static void CartPole(Canvas c, double x, double theta)
    {
        const double scale = 125;
        c.Clear(Color.White);
        var cartX = (x * scale) + 300;
        var cartY = 400 - 100;
        c.DrawLine(0, cartY, 600, cartY, Color.Black);
        c.FillRectangle(cartX - 25, cartY - 15, 50, 30, Color.Black);
        c.Save();
        c.Translate(cartX, cartY - 7.5);
        c.Rotate(theta);
        c.FillRectangle(-5, -125 + 5, 10, 125, new Color(202, 152, 101));
        c.Restore();
        c.FillCircle(cartX, cartY - 7.5, 5, new Color(129, 132, 203));
    }
}
