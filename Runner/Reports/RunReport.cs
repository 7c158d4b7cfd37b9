using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using RlFramework.Renders.Plots;
using RlFramework.Runner.Logging;

namespace RlFramework.Runner.Reports;

/// <summary>
/// The page of <c>rl report</c>: one HTML file with everything inline (plots and the latest episode GIF as data URIs,
/// styles in the page, no scripts, no links), so it reads offline and can be mailed as one file.
/// </summary>
public static class RunReport
{
    private const string Style = """
        body { font-family: "DejaVu Sans", Verdana, sans-serif; margin: 24px; color: #222; max-width: 960px; }
        h1 { font-size: 22px; margin: 0 0 4px 0; } h2 { font-size: 17px; margin: 24px 0 8px 0; }
        .sub { color: #555; margin-bottom: 16px; }
        table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 3px 8px; text-align: left; font-size: 13px; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        img.plot { display: block; margin-bottom: 8px; border: 1px solid #ddd; }
        pre { background: #f6f6f6; padding: 8px; font-size: 12px; overflow-x: auto; }
        """;

    /// <summary>The report of <paramref name="run"/> as one self-contained HTML document.</summary>
    public static string Html(RunData run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append($"<title>Run {E(run.Name)}</title>\n<style>\n{Style}</style>\n</head>\n<body>\n")
            .Append($"<h1>Run {E(run.Name)}</h1>\n<div class=\"sub\">{E(Subtitle(run))}</div>\n");
        html.Append("<h2>Summary</h2>\n").Append(Table(Summary(run)));
        html.Append("<h2>Plots</h2>\n");
        var panels = RunPlots.Panels([run]);
        for (int i = 0; i < panels.Count; i++)
        {
            int height = Charts.Height(panels[i], RunPlots.PanelHeight);
            string png = Convert.ToBase64String(Charts.ToPng(panels[i], RunPlots.PanelWidth, height));
            html.Append($"<img class=\"plot\" id=\"plot-{i}\" width=\"{RunPlots.PanelWidth}\" height=\"{height}\" alt=\"{E(panels[i].Axes.Title.Label.Text)}\" src=\"data:image/png;base64,{png}\">\n");
        }
        html.Append("<h2>Latest episode</h2>\n");
        if (run.LatestVideo is { } video)
            html.Append($"<p>{E(Path.GetFileName(video))}</p>\n<img id=\"video\" alt=\"latest recorded episode\" src=\"data:image/gif;base64,{Convert.ToBase64String(File.ReadAllBytes(video))}\">\n");
        else
            html.Append("<p>No episode was recorded (train with <code>--record-video every:M</code>).</p>\n");
        html.Append("<h2>Hyperparameters</h2>\n").Append(Table(Hyperparameters(run)));
        if (run.Record is { } record)
            html.Append("<h2>Full configuration (registry)</h2>\n<pre>").Append(E(Pretty(record.Config))).Append("</pre>\n");
        html.Append($"<p class=\"sub\">Run folder: {E(run.Folder)}</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Subtitle(RunData run) =>
        run.Spec is { } spec ? $"{spec.EnvId} · {spec.Agent} · seed {spec.Seed}" + (run.Record is { } r ? $" · {r.Status.ToString().ToLowerInvariant()}" : "")
        : "no run.json in the folder";

    /// <summary>Headline figures: the registry's status and times, then figures computed from the metrics.</summary>
    private static List<(string Name, string Value)> Summary(RunData run)
    {
        var rows = new List<(string, string)>();
        if (run.Record is { } record)
        {
            rows.Add(("status", record.Status.ToString().ToLowerInvariant() + (record.Message is null ? "" : $" ({record.Message})")));
            rows.Add(("started (UTC)", record.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)));
            if (record.EndedAt is { } ended) rows.Add(("duration", (ended - record.StartedAt).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)));
        }
        if (run.Metrics.Count > 0) rows.Add(("env steps logged", N(run.Metrics.Values.Max(s => s.Steps[^1]), "N0")));
        if (run.Series(MetricTags.EpisodicReturn) is { } returns)
        {
            rows.Add(("episodes", N(returns.Count, "N0")));
            rows.Add(($"mean return, last {Math.Min(100, returns.Count)} episodes", N(returns.Values.TakeLast(100).Average(), "F2")));
            rows.Add(("best episode return", N(returns.Values.Max(), "F2")));
        }
        if (run.Series(MetricTags.EvalReturn) is { } eval)
            rows.Add(($"last greedy evaluation (step {N(eval.Steps[^1], "N0")})", N(eval.Values[^1], "F2")));
        if (run.Series(MetricTags.StepsPerSecond) is { } sps) rows.Add(("steps per second (last logged)", N(sps.Values[^1], "N0")));
        return rows;
    }

    /// <summary>run.json's fields, with the agent config's fields spelled out.</summary>
    private static List<(string Name, string Value)> Hyperparameters(RunData run)
    {
        var rows = new List<(string, string)>();
        if (run.Spec is not { } spec) return [("run.json", "missing")];
        using (var doc = JsonDocument.Parse(spec.ToJson()))
        {
            foreach (var p in doc.RootElement.EnumerateObject().Where(p => p.Name != nameof(spec.AgentConfig)))
                rows.Add((p.Name, p.Value.ToString()));
        }

        if (spec.AgentConfig is null)
        {
            rows.Add(("agent config", "the agent's defaults"));
            return rows;
        }
        using var config = JsonDocument.Parse(spec.AgentConfig);
        if (config.RootElement.ValueKind != JsonValueKind.Object) return [.. rows, ("agent config", spec.AgentConfig)];
        rows.AddRange(config.RootElement.EnumerateObject().Select(p => ($"agent: {p.Name}", p.Value.ToString())));
        return rows;
    }

    private static string Table(IEnumerable<(string Name, string Value)> rows)
    {
        var table = new StringBuilder("<table>\n");
        foreach (var (name, value) in rows)
            table.Append($"<tr><th>{E(name)}</th><td class=\"n\">{E(value)}</td></tr>\n");
        return table.Append("</table>\n").ToString();
    }

    private static string Pretty(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(doc.RootElement, new JsonSerializerOptions { WriteIndented = true });
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static string N(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
