using System.Globalization;
using System.Text;
using RlFramework.Renders;

namespace RlFramework.Envs.Classic;

/// <summary>The mountain car's pictures: Gymnasium's 600×400 rgb_array, and a text picture in ansi mode.</summary>
public abstract partial class MountainCarBase<TAct>
{
    /// <summary>The picture's width in pixels.</summary>
    public const int ScreenWidth = 600;

    /// <summary>The picture's height in pixels.</summary>
    public const int ScreenHeight = 400;

    /// <summary>Columns of the ansi picture.</summary>
    public const int TextColumns = 60;

    /// <summary>Rows of the ansi picture's valley.</summary>
    public const int TextRows = 12;

    private const double CarWidth = 40, CarHeight = 20, Clearance = 10;
    private static readonly Color WheelColor = new(128, 128, 128);
    private static readonly Color FlagColor = new(204, 204, 0);

    private (double X, double Y)[]? _track;

    /// <summary>Pixels per metre: the track from −1.2 to 0.6 spans the picture's width.</summary>
    public static double Scale => ScreenWidth / (MaxPosition - MinPosition);

    /// <summary>In rgb_array mode a new 600×400 <see cref="Frame"/>; in ansi mode the valley as text; null without a render mode.</summary>
    public override object? Render()
    {
        if (RenderMode != Envs.RenderMode.Ansi) return base.Render();
        EnsureState();
        return RenderText();
    }

    private protected override void Draw(ClassicPicture picture)
    {
        var canvas = picture.Canvas;
        canvas.Clear(Color.White);
        canvas.DrawPolyline(_track ??= Track(picture), Color.Black);

        double position = StateValues[0], angle = Math.Cos(3 * position);
        double x = (position - MinPosition) * Scale, y = Clearance + Height(position) * Scale;
        picture.FillTurnedRectangle(-CarWidth / 2, CarWidth / 2, CarHeight, 0, angle, x, y, Color.Black);
        foreach (double wheelX in (ReadOnlySpan<double>)[CarWidth / 4, -CarWidth / 4])
        {
            var (wx, wy) = ClassicPicture.Rotate(wheelX, 0, angle);
            picture.FillCircle((int)(wx + x), (int)(wy + y), (int)(CarHeight / 2.5), WheelColor);
        }

        int flagX = (int)((GoalPosition - MinPosition) * Scale), flagY1 = (int)(Height(GoalPosition) * Scale), flagY2 = flagY1 + 50;
        canvas.DrawLine(flagX + 0.5, picture.Flip(flagY1), flagX + 0.5, picture.Flip(flagY2), Color.Black);
        canvas.FillPolygon([(flagX, picture.Flip(flagY2)), (flagX, picture.Flip(flagY2 - 10)), (flagX + 25, picture.Flip(flagY2 - 5))], FlagColor);
    }

    /// <summary>Gymnasium's track: 100 points of the valley from −1.2 to 0.6.</summary>
    private static (double X, double Y)[] Track(ClassicPicture picture)
    {
        var points = new (double X, double Y)[100];
        for (int i = 0; i < points.Length; i++)
        {
            double xs = MinPosition + (MaxPosition - MinPosition) * i / (points.Length - 1);
            points[i] = ((xs - MinPosition) * Scale, picture.Flip(Height(xs) * Scale));
        }
        return points;
    }

    /// <summary>The valley in <see cref="TextRows"/> × <see cref="TextColumns"/> characters: track '.', flag 'F', car '@', then the state.</summary>
    private string RenderText()
    {
        var rows = new char[TextRows][];
        for (int r = 0; r < TextRows; r++) rows[r] = Enumerable.Repeat(' ', TextColumns).ToArray();
        for (int c = 0; c < TextColumns; c++) rows[TextRow(ColumnPosition(c))][c] = '.';
        int goal = Column(GoalPosition), car = Column(StateValues[0]);
        rows[Math.Max(0, TextRow(GoalPosition) - 1)][goal] = 'F';
        rows[Math.Max(0, TextRow(StateValues[0]) - 1)][car] = '@';
        var text = new StringBuilder();
        foreach (var row in rows) text.Append(row).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"position {StateValues[0]:F4}  velocity {StateValues[1]:+0.0000;-0.0000}  goal {GoalPosition:F2}\n");
        return text.ToString();
    }

    private static double ColumnPosition(int column) => MinPosition + (column + 0.5) * (MaxPosition - MinPosition) / TextColumns;

    private static int Column(double position) =>
        Math.Clamp((int)((position - MinPosition) / (MaxPosition - MinPosition) * TextColumns), 0, TextColumns - 1);

    /// <summary>The text row of the track at <paramref name="position"/>: heights 0.1 (bottom row) to 1.0 (top row).</summary>
    private static int TextRow(double position) => (int)Math.Round((1.0 - Height(position)) / 0.9 * (TextRows - 1));
}
