using System.Text;
using RlFramework.Renders;

namespace RlFramework.Envs.RoboRally;

/// <summary>The text and picture renders of <see cref="RoboRallyEnv"/>.</summary>
public sealed partial class RoboRallyEnv
{
    /// <summary>The side of one cell in the rgb_array picture, in pixels.</summary>
    public const int CellPixels = 48;

    private static readonly Color Floor = new(225, 225, 220), GridLine = new(160, 160, 155), WallColor = new(70, 70, 75);
    private static readonly Color PitColor = new(20, 20, 20), Stripe = new(240, 190, 0), LaserColor = new(220, 30, 30);
    private static readonly Color BeltColor = new(120, 150, 200), ArrowColor = new(240, 240, 250), FlagColor = new(30, 160, 60);
    private static readonly Color RobotColor = new(40, 90, 200);

    private Canvas? _canvas;

    /// <summary>
    /// In ansi mode the board as text (map characters, the robot as a coloured arrow ↑ → ↓ ←, then the step count);
    /// in rgb_array mode a new <see cref="Frame"/> of width·48 × height·48 pixels; null without a render mode.
    /// </summary>
    public override object? Render()
    {
        switch (RenderMode)
        {
            case Envs.RenderMode.Ansi:
                return RenderText();
            case Envs.RenderMode.RgbArray:
                var frame = new Frame(Map.Width * CellPixels, Map.Height * CellPixels);
                RenderInto(frame);
                return frame;
            default:
                return null;
        }
    }

    /// <summary>Draws the board and robot into <paramref name="frame"/> (width·48 × height·48).</summary>
    /// <exception cref="InvalidOperationException">No state yet: call Reset first.</exception>
    public void RenderInto(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var state = State;
        var canvas = _canvas ??= new Canvas(Map.Width * CellPixels, Map.Height * CellPixels);
        canvas.Clear(Floor);
        for (int y = 0; y < Map.Height; y++)
        {
            for (int x = 0; x < Map.Width; x++)
                DrawCell(canvas, Map[x, y], x * CellPixels, y * CellPixels);
        }

        DrawRobot(canvas, state);
        canvas.CopyTo(frame);
    }

    private string RenderText()
    {
        var state = State;
        var text = new StringBuilder();
        for (int y = 0; y < Map.Height; y++)
        {
            for (int x = 0; x < Map.Width; x++)
            {
                if (x == state.X && y == state.Y) text.Append("\u001b[1;36m").Append("↑→↓←"[(int)state.Heading]).Append("\u001b[0m");
                else text.Append(Map[x, y].ToChar());
            }
            text.Append('\n');
        }
        return text.Append($"step {StepCount}/{RoboRallyMdp.ProgramLength} at {state}\n").ToString();
    }

    private static void DrawCell(Canvas canvas, RoboRallyCell cell, double left, double top)
    {
        const double S = CellPixels;
        double cx = left + S / 2, cy = top + S / 2;
        switch (cell)
        {
            case RoboRallyCell.Wall:
                canvas.FillRectangle(left, top, S, S, WallColor);
                break;
            case RoboRallyCell.Pit:
                canvas.FillRectangle(left, top, S, S, Stripe);
                for (int k = 0; k < 8; k += 2) // black diagonal bands x + y = c, clipped to the cell
                {
                    double c0 = k * S / 4, c1 = (k + 1) * S / 4;
                    canvas.FillPolygon([Clip(left, top, c0, true), Clip(left, top, c0, false), Clip(left, top, c1, false), Clip(left, top, c1, true)], PitColor);
                }
                break;
            case RoboRallyCell.Laser:
                canvas.FillRectangle(left, top + S * 0.42, 5, S * 0.16, WallColor);
                canvas.DrawLine(left + 5, cy, left + S, cy, LaserColor, 3);
                break;
            case RoboRallyCell.Goal:
                canvas.DrawLine(cx - S * 0.2, top + S * 0.15, cx - S * 0.2, top + S * 0.85, WallColor, 3);
                canvas.FillPolygon([(cx - S * 0.2, top + S * 0.15), (cx + S * 0.3, top + S * 0.3), (cx - S * 0.2, top + S * 0.45)], FlagColor);
                break;
            default:
                if (cell.BeltDirection() is { } direction)
                {
                    canvas.FillRectangle(left + 2, top + 2, S - 4, S - 4, BeltColor);
                    canvas.FillPolygon(Rotated(cx, cy, direction, [(0, -S * 0.35), (S * 0.25, 0), (S * 0.1, 0), (S * 0.1, S * 0.35), (-S * 0.1, S * 0.35), (-S * 0.1, 0), (-S * 0.25, 0)]), ArrowColor);
                }
                break;
        }
        canvas.StrokeRectangle(left + 0.5, top + 0.5, S - 1, S - 1, GridLine);
    }

    private static void DrawRobot(Canvas canvas, RoboRallyState state)
    {
        const double S = CellPixels;
        double cx = (state.X + 0.5) * S, cy = (state.Y + 0.5) * S;
        canvas.FillCircle(cx, cy, S * 0.3, RobotColor);
        canvas.FillPolygon(Rotated(cx, cy, state.Heading, [(0, -S * 0.27), (S * 0.14, -S * 0.02), (-S * 0.14, -S * 0.02)]), ArrowColor);
    }

    /// <summary>Where the line x + y = c (relative to the cell's corner) crosses the cell's top/right edge (first) or left/bottom edge.</summary>
    private static (double X, double Y) Clip(double left, double top, double c, bool first)
    {
        const double S = CellPixels;
        return first
            ? (c <= S ? (left + c, top) : (left + S, top + c - S))
            : (c <= S ? (left, top + c) : (left + c - S, top + S));
    }

    /// <summary>The points, given for a north-pointing shape around (0, 0), turned to <paramref name="heading"/> and moved to (cx, cy).</summary>
    private static (double X, double Y)[] Rotated(double cx, double cy, Heading heading, (double X, double Y)[] points)
    {
        double angle = (int)heading * Math.PI / 2;
        var (sin, cos) = Math.SinCos(angle);
        return [.. points.Select(p => (cx + p.X * cos - p.Y * sin, cy + p.X * sin + p.Y * cos))];
    }

    /// <inheritdoc/>
    protected override void OnClose() => _canvas?.Dispose();
}
