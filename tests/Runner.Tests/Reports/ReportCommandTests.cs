using System.Text.RegularExpressions;
using RlFramework.Renders;

namespace RlFramework.Runner.Tests.Reports;

/// <summary><c>rl report</c>: the HTML itself, the page as headless Chromium draws it, and plots drawn with no system fonts.</summary>
[Collection("console")]
public sealed partial class ReportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rl-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Report(string run)
    {
        string html = Path.Combine(_dir, "report.html");
        var (exit, _, error) = CliTests.Run("report", run, "--out", html);
        Assert.True(exit == 0, error);
        return html;
    }

    [Fact]
    public void ThePageIsSelfContainedWithPlotsVideoSummaryAndHyperparameters()
    {
        string run = SyntheticRun.Create(_dir, "run-a", seed: 1);
        string text = File.ReadAllText(Report(run));
        Assert.StartsWith("<!DOCTYPE html>", text);
        // Nothing to fetch: every src is a data URI, no scripts, no stylesheets or links elsewhere.
        var sources = SourceAttribute().Matches(text).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(4, sources.Length); // return, td_loss and SPS plots, the GIF
        Assert.All(sources, s => Assert.StartsWith("data:image/", s));
        Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", text, StringComparison.OrdinalIgnoreCase);
        // The embedded images decode: three PNG plots and the run's GIF byte for byte.
        var pngs = sources.Where(s => s.StartsWith("data:image/png;base64,", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, pngs.Length);
        foreach (var png in pngs) Assert.Equal(900, Png.Decode(Convert.FromBase64String(png["data:image/png;base64,".Length..])).Width);
        var gif = Assert.Single(sources, s => s.StartsWith("data:image/gif;base64,", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllBytes(Path.Combine(run, "videos", "train-episode-0.gif")), Convert.FromBase64String(gif["data:image/gif;base64,".Length..]));
        // Summary and hyperparameters, from the metrics and run.json.
        Assert.Contains("<th>episodes</th><td class=\"n\">200</td>", text);
        Assert.Contains("<th>last greedy evaluation (step 20,000)</th><td class=\"n\">200.00</td>", text);
        Assert.Contains("<th>EnvId</th><td class=\"n\">CartPole-v1</td>", text);
        Assert.Contains("<th>EvalEvery</th><td class=\"n\">5000</td>", text);
    }

    [Fact]
    public void ARunWithoutVideoSaysSo()
    {
        string text = File.ReadAllText(Report(SyntheticRun.Create(_dir, "run-b", seed: 2, video: false)));
        Assert.Contains("No episode was recorded", text);
        Assert.DoesNotContain("data:image/gif", text);
    }

    [ChromiumFact]
    public void HeadlessChromiumShowsThePlots()
    {
        string html = Report(SyntheticRun.Create(_dir, "run-c", seed: 3));
        string shot = Path.Combine(_dir, "shot.png");
        string profile = Directory.CreateDirectory(Path.Combine(_dir, "chromium-profile")).FullName;
        var (exit, output) = ExternalTool.Run("chromium",
            ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", $"--user-data-dir={profile}",
             $"--screenshot={shot}", "--window-size=1000,1200", "--hide-scrollbars", new Uri(html).AbsoluteUri],
            TimeSpan.FromSeconds(120));
        Assert.True(exit == 0 && File.Exists(shot), $"chromium failed ({exit}): {output}");
        var frame = Frame.LoadPng(shot);
        Assert.Equal((1000, 1200), (frame.Width, frame.Height));
        // The return plot's lines are drawn in #1f77b4; find where they are and check the region is a real plot, not blank.
        var blue = Color.FromHex("#1f77b4");
        int minX = int.MaxValue, maxX = -1, minY = int.MaxValue, maxY = -1, count = 0;
        for (int y = 0; y < frame.Height; y++)
        {
            for (int x = 0; x < frame.Width; x++)
            {
                var c = frame.GetPixel(x, y);
                if (Math.Abs(c.R - blue.R) + Math.Abs(c.G - blue.G) + Math.Abs(c.B - blue.B) > 30) continue;
                (minX, maxX, minY, maxY, count) = (Math.Min(minX, x), Math.Max(maxX, x), Math.Min(minY, y), Math.Max(maxY, y), count + 1);
            }
        }

        Assert.True(count > 500, $"only {count} pixels of the series colour: the plots did not render");
        Assert.True(maxX - minX > 600, $"the series spans {maxX - minX} px across; expected most of the 900 px plot");
        var colours = new HashSet<Color>();
        int dark = 0;
        for (int y = minY; y <= Math.Min(maxY, minY + 300); y++)
        {
            for (int x = minX; x <= maxX; x++)
            {
                var c = frame.GetPixel(x, y);
                colours.Add(c);
                if (c.R + c.G + c.B < 200) dark++;
            }
        }

        Assert.True(colours.Count > 20, $"the plot region has {colours.Count} colours: blank");
        Assert.True(dark > 100, "no dark pixels (axis, tick labels, evaluation markers) in the plot region");
    }

    [NoSystemFontsFact]
    public void PlotsDrawTheirTextWithNoSystemFontsInstalled()
    {
        string run = SyntheticRun.Create(_dir, "run-d", seed: 4);
        string inProcess = Path.Combine(_dir, "with-fonts.png"), child = Path.Combine(_dir, "no-fonts.png");
        Assert.Equal(0, CliTests.Run("plot", run, "--out", inProcess).ExitCode);
        string rl = Path.Combine(AppContext.BaseDirectory, "rl.dll");
        string dotnet = Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal) ? Environment.ProcessPath : ExternalTool.Find("dotnet")!;
        string script = $"{NoSystemFontsFactAttribute.HideFonts} && exec \"{dotnet}\" \"{rl}\" plot \"{run}\" --out \"{child}\"";
        var (exit, output) = ExternalTool.Run("unshare", ["-m", "sh", "-c", script], TimeSpan.FromSeconds(120));
        Assert.True(exit == 0, output);
        // Same picture with and without system fonts, and it has text: the title row holds dark glyph pixels.
        Assert.Equal(File.ReadAllBytes(inProcess), File.ReadAllBytes(child));
        var frame = Frame.LoadPng(child);
        int ink = 0;
        for (int y = 0; y < 30; y++)
        {
            for (int x = 0; x < frame.Width; x++)
                if (frame.GetPixel(x, y).R < 128) ink++;
        }

        Assert.True(ink > 150, $"the title row has {ink} dark pixels: no text was drawn");
    }

    [GeneratedRegex("src=\"([^\"]*)\"")]
    private static partial Regex SourceAttribute();
}
