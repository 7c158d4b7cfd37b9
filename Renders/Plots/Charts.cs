using RlFramework.Renders.Text;
using ScottPlot;

namespace RlFramework.Renders.Plots;

/// <summary>
/// ScottPlot plots drawn with the bundled fonts, and the pieces every plot of the project shares: labelled axes, lines,
/// min–max bands, chance lines, a legend outside the data area (so it hides no line), x-range fitted to the data, PNG output.
/// </summary>
public static class Charts
{
    /// <summary>Colours for successive series (matplotlib's tab10).</summary>
    public static IReadOnlyList<Color> Palette { get; } =
        [Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728"), Color.FromHex("#9467bd"),
         Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"), Color.FromHex("#bcbd22"), Color.FromHex("#17becf")];

    private static readonly Lock Gate = new();
    private static bool registered;

    /// <summary>A new plot with a title and axis labels (units in the labels), all text in the bundled font.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        RegisterFonts();
        var plot = new Plot();
        plot.Font.Set(BundledFonts.FamilyName);
        plot.Legend.FontName = BundledFonts.FamilyName;
        plot.Legend.SetBestFontOnEachRender = false;
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Axes.Right.MinimumSize = 36; // room for the last x tick label
        return plot;
    }

    /// <summary>The series colour for index <paramref name="index"/> (cycling through <see cref="Palette"/>).</summary>
    public static ScottPlot.Color SeriesColor(int index) => ToScottPlot(Palette[index % Palette.Count]);

    /// <summary>Converts a Renders colour to ScottPlot's.</summary>
    public static ScottPlot.Color ToScottPlot(Color c) => new(c.R, c.G, c.B, c.A);

    /// <summary>Adds a line through (xs, ys) with optional markers, labelled <paramref name="label"/> in the legend (null: not in the legend).</summary>
    public static ScottPlot.Plottables.Scatter AddLine(Plot plot, double[] xs, double[] ys, string? label, ScottPlot.Color color, float width = 2, float markerSize = 0)
    {
        ArgumentNullException.ThrowIfNull(plot);
        CheckSameLength(xs, ys, "ys");
        var line = plot.Add.Scatter(xs, ys, color);
        line.LineWidth = width;
        line.MarkerSize = markerSize;
        line.LegendText = label ?? "";
        return line;
    }

    /// <summary>Adds points only (no connecting line), e.g. evaluations.</summary>
    public static ScottPlot.Plottables.Scatter AddPoints(Plot plot, double[] xs, double[] ys, string? label, ScottPlot.Color color, float markerSize = 7)
    {
        var points = AddLine(plot, xs, ys, label, color, width: 0, markerSize);
        points.LineStyle.IsVisible = false;
        return points;
    }

    /// <summary>Adds a translucent band between <paramref name="lower"/> and <paramref name="upper"/> (e.g. min–max across seeds).</summary>
    public static ScottPlot.Plottables.FillY AddBand(Plot plot, double[] xs, double[] lower, double[] upper, string? label, ScottPlot.Color color)
    {
        ArgumentNullException.ThrowIfNull(plot);
        CheckSameLength(xs, lower, "lower");
        CheckSameLength(xs, upper, "upper");
        var band = plot.Add.FillY(xs, lower, upper);
        band.FillStyle.Color = color.WithAlpha(0.2);
        band.LineStyle.IsVisible = false;
        band.LegendText = label ?? "";
        return band;
    }

    /// <summary>Adds a dashed horizontal line at the chance level <paramref name="value"/>, in the legend as <paramref name="label"/>.</summary>
    public static ScottPlot.Plottables.HorizontalLine AddChanceLine(Plot plot, double value, string label)
    {
        ArgumentNullException.ThrowIfNull(plot);
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, $"A chance level must be finite, got {value}.");
        var line = plot.Add.HorizontalLine(value, 1.5f, Colors.Gray, LinePattern.Dashed);
        line.LegendText = label;
        line.ExcludeFromLegend = false;
        return line;
    }

    /// <summary>Fits the y-range to the data and sets the x-range to exactly [<paramref name="min"/>, <paramref name="max"/>] (a unit wide around a single value).</summary>
    public static void FitX(Plot plot, double min, double max)
    {
        ArgumentNullException.ThrowIfNull(plot);
        if (!double.IsFinite(min) || !double.IsFinite(max) || max < min)
            throw new ArgumentException($"An x-range needs finite min ≤ max, got [{min}, {max}].");
        if (max == min) (min, max) = (min - 0.5, max + 0.5);
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsX(min, max);
    }

    /// <summary>Shows the legend below the data area, so it never covers a line.</summary>
    public static void LegendBelow(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.FontName = BundledFonts.FamilyName;
        plot.Legend.SetBestFontOnEachRender = false;
    }

    /// <summary>Formats the y-axis tick labels as percentages (values are fractions).</summary>
    public static void PercentY(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => v.ToString("P0", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The plot as PNG bytes of the given size.</summary>
    public static byte[] ToPng(Plot plot, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        Guard.Size(width, height);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>
    /// Panels in rows of <paramref name="columns"/>, each <paramref name="panelWidth"/> wide and <paramref name="panelHeight"/> high
    /// plus <see cref="LegendRowHeight"/> for each legend entry past the second (so a legend below the data never crowds it), as PNG bytes.
    /// </summary>
    public static byte[] ToPng(IReadOnlyList<Plot> panels, int columns, int panelWidth, int panelHeight)
    {
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0) throw new ArgumentException("No panels to draw; expected at least one.", nameof(panels));
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, $"Columns must be at least 1, got {columns}.");
        columns = Math.Min(columns, panels.Count);
        var heights = panels.Select(p => Height(p, panelHeight)).ToArray();
        var rowHeights = heights.Chunk(columns).Select(row => row.Max()).ToArray();
        Guard.Size(columns * panelWidth, rowHeights.Sum());
        using var canvas = new Canvas(columns * panelWidth, rowHeights.Sum());
        canvas.Clear(Color.White);
        for (int i = 0, top = 0; i < panels.Count; i++)
        {
            var frame = Png.Decode(ToPng(panels[i], panelWidth, heights[i]));
            canvas.DrawFrame(frame, (i % columns) * panelWidth, top);
            if (i % columns == columns - 1) top += rowHeights[i / columns];
        }

        return canvas.EncodePng();
    }

    /// <summary>Extra height per legend entry past the second.</summary>
    public const int LegendRowHeight = 20;

    /// <summary>The height a panel needs: <paramref name="baseHeight"/> plus room for its legend entries.</summary>
    public static int Height(Plot plot, int baseHeight)
    {
        ArgumentNullException.ThrowIfNull(plot);
        int entries = plot.GetPlottables().OfType<IHasLegendText>().Count(p => !string.IsNullOrEmpty(p.LegendText));
        return baseHeight + LegendRowHeight * Math.Max(0, entries - 2);
    }

    /// <summary>Writes PNG bytes to <paramref name="path"/> atomically (temp file, fsync, rename).</summary>
    public static void Save(byte[] png, string path)
    {
        ArgumentNullException.ThrowIfNull(png);
        AtomicFile.WriteAllBytes(path, png);
    }

    private static void CheckSameLength(double[] xs, double[] other, string name)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(other);
        if (xs.Length != other.Length)
            throw new ArgumentException($"{name} has {other.Length} values but xs has {xs.Length}; expected one per x.", name);
    }

    /// <summary>Makes ScottPlot resolve <see cref="BundledFonts.FamilyName"/> to the bundled faces and use it by default (once per process).</summary>
    private static void RegisterFonts()
    {
        lock (Gate)
        {
            if (registered) return;
            Fonts.FontResolvers.Insert(0, new BundledFontResolver());
            Fonts.Default = BundledFonts.FamilyName;
            registered = true;
        }
    }
}
