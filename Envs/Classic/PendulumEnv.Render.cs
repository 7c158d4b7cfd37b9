using RlFramework.Renders;

namespace RlFramework.Envs.Classic;

/// <summary>
/// The pendulum's picture: Gymnasium's 500×500 rgb_array. Gymnasium blits its <c>clockwise.png</c> arrow, scaled with
/// the last torque, over the pivot; here that arrow is drawn instead: a three-quarter arc with an arrowhead, of the
/// same size, turning the way the torque turns (clockwise for negative torque, as the image is shown).
/// </summary>
public sealed partial class PendulumEnv
{
    /// <summary>The picture's width and height in pixels.</summary>
    public const int ScreenSize = 500;

    private static readonly Color RodColor = new(204, 77, 77);

    private readonly CanvasPath _arrow = new();

    /// <summary>Pixels per metre: the picture spans ±2.2 m.</summary>
    public static double Scale => ScreenSize / (2.2 * 2);

    private protected override void Draw(ClassicPicture picture)
    {
        double scale = Scale, rodLength = Length * scale, rodWidth = 0.2 * scale;
        int offset = ScreenSize / 2;
        picture.Canvas.Clear(Color.White);
        double angle = _state[0] + Math.PI / 2;
        picture.FillTurnedRectangle(0, rodLength, rodWidth / 2, -rodWidth / 2, angle, offset, offset, RodColor);
        picture.FillCircle(offset, offset, (int)(rodWidth / 2), RodColor);
        var (endX, endY) = ClassicPicture.Rotate(rodLength, 0, angle);
        picture.FillCircle((int)(endX + offset), (int)(endY + offset), (int)(rodWidth / 2), RodColor);
        if (LastTorque is float torque && torque != 0) DrawArrow(picture, offset, scale * Math.Abs(torque) / 2, torque > 0);
        picture.FillCircle(offset, offset, (int)(0.05 * scale), Color.Black);
    }

    /// <summary>
    /// The torque arrow in a square of side <paramref name="size"/> around the pivot, as Gymnasium's image: an arc of
    /// 270° from the top, its arrowhead at the left pointing up (clockwise), mirrored left–right for a positive torque.
    /// </summary>
    private void DrawArrow(ClassicPicture picture, double centre, double size, bool counterClockwise)
    {
        double radius = size * 0.45, lineWidth = Math.Max(1, size * 0.025), head = size * 0.15;
        double mirror = counterClockwise ? -1 : 1;
        var canvas = picture.Canvas;
        // Picture coordinates (y down): clockwise on the screen is increasing angle from the top (−π/2) to the left (π).
        // Mirrored left–right, the arc runs from the right (0) through the bottom and the left to the top (3π/2).
        _arrow.Clear();
        if (counterClockwise) _arrow.Arc(centre, centre, radius, 0, 3 * Math.PI / 2);
        else _arrow.Arc(centre, centre, radius, -Math.PI / 2, Math.PI);
        canvas.StrokePath(_arrow, Color.Black, lineWidth);
        double tipX = centre - mirror * radius, tipY = centre - head * 0.9;
        canvas.FillPolygon([(tipX, tipY), (tipX - head / 2, tipY + head), (tipX + head / 2, tipY + head)], Color.Black);
    }
}
