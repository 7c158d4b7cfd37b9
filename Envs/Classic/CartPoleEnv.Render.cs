using RlFramework.Renders;

namespace RlFramework.Envs.Classic;

/// <summary>CartPole's picture: Gymnasium's 600×400 rgb_array, drawn on a Renders canvas (SkiaSharp).</summary>
public sealed partial class CartPoleEnv
{
    /// <summary>The picture's width in pixels.</summary>
    public const int ScreenWidth = 600;

    /// <summary>The picture's height in pixels.</summary>
    public const int ScreenHeight = 400;

    private const double CartWidth = 50, CartHeight = 30, PoleWidth = 10, CartTop = 100;
    private static readonly Color PoleColor = new(202, 152, 101);
    private static readonly Color AxleColor = new(129, 132, 203);

    private Canvas? _canvas;

    /// <summary>Pixels per metre: the track of ±4.8 m spans the picture's width (125 px/m).</summary>
    public static double Scale => ScreenWidth / (XThreshold * 2);

    /// <summary>A new 600×400 frame of the current state in rgb_array mode; null without a render mode.</summary>
    public override object? Render()
    {
        if (RenderMode != Envs.RenderMode.RgbArray) return null;
        var frame = new Frame(ScreenWidth, ScreenHeight);
        RenderInto(frame);
        return frame;
    }

    /// <summary>Draws the current state into <paramref name="frame"/> (600×400) without allocating.</summary>
    /// <exception cref="InvalidOperationException">No state yet: call Reset first.</exception>
    public void RenderInto(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!_hasState) throw new InvalidOperationException($"{Name}: call Reset before Render.");
        var canvas = _canvas ??= new Canvas(ScreenWidth, ScreenHeight);
        Draw(canvas);
        canvas.CopyTo(frame);
    }

    private void Draw(Canvas canvas)
    {
        // Gymnasium draws with y pointing up and flips the picture; ScreenY does the flip.
        static double ScreenY(double y) => ScreenHeight - y;
        double cartX = _state[0] * Scale + ScreenWidth / 2.0;
        double axleY = CartTop + CartHeight / 4.0;
        double poleLength = Scale * 2 * Physics.Length;

        canvas.Clear(Color.White);
        canvas.FillRectangle(cartX - CartWidth / 2, ScreenY(CartTop + CartHeight / 2), CartWidth, CartHeight, Color.Black);

        double cos = Math.Cos(-_state[2]), sin = Math.Sin(-_state[2]);
        Span<(double X, double Y)> pole = stackalloc (double, double)[4];
        ReadOnlySpan<(double X, double Y)> corners =
            [(-PoleWidth / 2, -PoleWidth / 2), (-PoleWidth / 2, poleLength - PoleWidth / 2), (PoleWidth / 2, poleLength - PoleWidth / 2), (PoleWidth / 2, -PoleWidth / 2)];
        for (int i = 0; i < 4; i++)
        {
            var (x, y) = corners[i];
            pole[i] = (x * cos - y * sin + cartX, ScreenY(x * sin + y * cos + axleY));
        }
        canvas.FillPolygon(pole, PoleColor);
        canvas.FillCircle(cartX, ScreenY(axleY), PoleWidth / 2, AxleColor);
        canvas.DrawLine(0, ScreenY(CartTop) - 0.5, ScreenWidth, ScreenY(CartTop) - 0.5, Color.Black);
    }

    /// <inheritdoc/>
    protected override void OnClose() => _canvas?.Dispose();
}
