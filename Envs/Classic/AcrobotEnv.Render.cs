using RlFramework.Renders;

namespace RlFramework.Envs.Classic;

/// <summary>The acrobot's picture: Gymnasium's 500×500 rgb_array.</summary>
public sealed partial class AcrobotEnv
{
    /// <summary>The picture's width and height in pixels.</summary>
    public const int ScreenSize = 500;

    private static readonly Color LinkColor = new(0, 204, 204);
    private static readonly Color JointColor = new(204, 204, 0);

    /// <summary>Pixels per metre: the picture spans ±2.2 m (both links and 0.2 m).</summary>
    public static double Scale => ScreenSize / ((LinkLength + LinkLength + 0.2) * 2);

    private protected override void Draw(ClassicPicture picture)
    {
        double scale = Scale, offset = ScreenSize / 2.0;
        var canvas = picture.Canvas;
        canvas.Clear(Color.White);
        // The bar the free end must rise above, one link length over the fixed joint, on the pixel row pygame picks.
        double barY = ScreenSize - 1 - (int)(1 * scale + offset) + 0.5;
        canvas.DrawLine(-2.2 * scale + offset, barY, 2.2 * scale + offset, barY, Color.Black);

        double theta1 = _state[0], theta2 = _state[1];
        ReadOnlySpan<(double X, double Y)> joints = [(0, 0), (LinkLength * Math.Sin(theta1) * scale, -LinkLength * Math.Cos(theta1) * scale)];
        ReadOnlySpan<double> angles = [theta1 - Math.PI / 2, theta1 + theta2 - Math.PI / 2];
        for (int i = 0; i < 2; i++)
        {
            double x = joints[i].X + offset, y = joints[i].Y + offset;
            picture.FillTurnedRectangle(0, LinkLength * scale, 0.1 * scale, -0.1 * scale, angles[i], x, y, LinkColor);
            picture.FillCircle((int)x, (int)y, (int)(0.1 * scale), JointColor);
        }
    }
}
