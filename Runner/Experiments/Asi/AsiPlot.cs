using System.Globalization;
using RlFramework.Renders;

namespace RlFramework.Runner.Experiments.Asi;

/// <summary>The figure of <c>rl reproduce asi</c>: one panel per task, validation accuracy against training model evaluations, one line per method.</summary>
internal static class AsiPlot
{
    private const int PanelWidth = 520, PanelHeight = 380, Left = 64, Right = 16, Top = 40, Bottom = 52;

    private static readonly Color[] Palette = [Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728")];

    /// <summary>Draws the panels and writes the PNG atomically to <paramref name="path"/>.</summary>
    public static void Save(IReadOnlyList<AsiRunResult> results, string path)
    {
        var tasks = results.Select(r => r.Task).Distinct().ToArray();
        using var canvas = new Canvas(PanelWidth * tasks.Length, PanelHeight);
        canvas.Clear(Color.White);
        for (int t = 0; t < tasks.Length; t++)
        {
            canvas.Save();
            canvas.Translate(t * PanelWidth, 0);
            DrawPanel(canvas, tasks[t], [.. results.Where(r => r.Task == tasks[t])]);
            canvas.Restore();
        }
        canvas.SavePng(path);
    }

    private static void DrawPanel(Canvas canvas, string task, IReadOnlyList<AsiRunResult> runs)
    {
        double plotW = PanelWidth - Left - Right, plotH = PanelHeight - Top - Bottom;
        double maxX = NiceCeiling(runs.Max(r => r.Curve[^1].ModelEvaluations));
        double X(double evaluations) => Left + evaluations / maxX * plotW;
        double Y(double accuracy) => Top + (1 - accuracy) * plotH;
        var grey = new Color(200, 200, 200);
        canvas.DrawText(task == "funnel" ? "Funnel Board" : task == "rooms" ? "Room Runner" : task, Left, 24, 15, Color.Black, bold: true);
        for (int i = 0; i <= 5; i++)
        {
            double a = i / 5.0, x = maxX * i / 5;
            canvas.DrawLine(Left, Y(a), Left + plotW, Y(a), grey);
            canvas.DrawText(a.ToString("P0", CultureInfo.InvariantCulture), 8, Y(a) + 4, 11, Color.Black);
            canvas.DrawLine(X(x), Top + plotH, X(x), Top + plotH + 4, Color.Black);
            string label = x.ToString("N0", CultureInfo.InvariantCulture);
            canvas.DrawText(label, X(x) - canvas.MeasureText(label, 11).Width / 2, Top + plotH + 18, 11, Color.Black);
        }
        canvas.DrawLine(Left, Y(runs[0].Chance), Left + plotW, Y(runs[0].Chance), Color.Black, 1);
        canvas.DrawText($"chance (commonest label) {runs[0].Chance.ToString("P0", CultureInfo.InvariantCulture)}", Left + 6, Y(runs[0].Chance) - 4, 10, Color.Black);
        canvas.StrokeRectangle(Left, Top, plotW, plotH, Color.Black);
        const string xTitle = "training model evaluations";
        canvas.DrawText(xTitle, Left + (plotW - canvas.MeasureText(xTitle, 12).Width) / 2, PanelHeight - 10, 12, Color.Black);
        for (int m = 0; m < runs.Count; m++)
        {
            var colour = Palette[m % Palette.Length];
            var points = runs[m].Curve.Select(p => (X(p.ModelEvaluations), Y(p.Accuracy))).ToArray();
            if (points.Length > 1) canvas.DrawPolyline(points, colour, 2);
            foreach (var (x, y) in points) canvas.FillCircle(x, y, 3.5, colour);
            double ly = Top + plotH - 14 - 16 * (runs.Count - 1 - m);
            canvas.DrawLine(Left + plotW - 150, ly - 4, Left + plotW - 126, ly - 4, colour, 2);
            canvas.DrawText(runs[m].Method, Left + plotW - 120, ly, 11, Color.Black);
        }
    }

    /// <summary>The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k that is at least <paramref name="value"/>.</summary>
    private static double NiceCeiling(double value)
    {
        if (value <= 0) return 1;
        double scale = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (double m in new[] { 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 })
            if (m * scale >= value) return m * scale;
        return 10 * scale;
    }
}
