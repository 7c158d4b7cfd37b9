using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RlFramework.Runner.Logging;
using RlFramework.Runner.Runs;
using Spectre.Console;

namespace RlFramework.Runner.Cli;

/// <summary><c>rl runs [RUN]</c>: the run registry of an output folder as a table, or one run in full; <c>--rebuild</c> recovers it from the run folders.</summary>
internal static class RunsCommand
{
    /// <summary>The summary metrics shown as columns (when any run has them), with their headers and formats.</summary>
    private static readonly (string Tag, string Header, string Format)[] KeyMetrics =
    [
        (MetricTags.EpisodicReturn, "return", "F1"),
        (MetricTags.StepsPerSecond, "SPS", "F0"),
    ];

    public static Command Create()
    {
        var output = new Option<string>("--out")
        {
            Description = "The output folder whose registry (registry.db) to read.",
            DefaultValueFactory = _ => "runs",
        };
        var plain = new Option<bool>("--plain") { Description = "Plain aligned text instead of a drawn table (the default when output is redirected)." };
        var rebuild = new Option<bool>("--rebuild")
        {
            Description = "Rebuild registry.db from the run folders (run.json, checkpoints, metrics.csv), e.g. after it was damaged; the old file is kept aside. Run it while nothing trains into the folder.",
        };
        var run = new Argument<string?>("run") { Description = "A run id: show that run in full (config, summary, artifacts).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("runs", "List the runs of an output folder: id, env, agent, seed, status, start, duration, key metrics.") { output, plain, rebuild, run };
        command.SetAction(result => CommonOptions.Guard(result, () =>
        {
            var folder = result.GetValue(output)!;
            bool asText = result.GetValue(plain) || Console.IsOutputRedirected;
            if (result.GetValue(rebuild))
            {
                WriteRebuild(Console.Out, RunRegistry.Rebuild(folder));
            }

            if (!RunRegistry.Exists(folder))
            {
                if (File.Exists(folder))
                {
                    throw new ArgumentException($"--out '{folder}' is a file; expected the output folder of `rl train`.");
                }

                if (result.GetValue(run) is { } wanted)
                {
                    throw new ArgumentException($"Run '{wanted}' is not in '{Path.GetFullPath(folder)}': that folder has no run registry yet.");
                }

                Console.WriteLine($"No runs in '{Path.GetFullPath(folder)}' yet (`rl train --out {folder}` registers them).");
                return 0;
            }

            using var registry = RunRegistry.Open(folder);
            var now = DateTimeOffset.UtcNow;
            if (result.GetValue(run) is { } id)
            {
                WriteDetails(Console.Out, registry.Get(id), now);
                return 0;
            }

            var runs = registry.List();
            if (asText)
            {
                WritePlain(Console.Out, runs, now);
            }
            else
            {
                ConsoleTables.Write(BuildTable(runs, now));
            }

            return 0;
        }));
        return command;
    }

    /// <summary>What a rebuild did: the counts by status, where the old file went, and each folder it could not register.</summary>
    internal static void WriteRebuild(TextWriter writer, RegistryRebuild rebuilt)
    {
        var counts = rebuilt.Runs.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
        writer.WriteLine($"rebuilt {rebuilt.DatabasePath} from {rebuilt.Runs.Count} run folder{(rebuilt.Runs.Count == 1 ? "" : "s")}{(rebuilt.Runs.Count > 0 ? $" ({string.Join(", ", counts)})" : "")}");
        writer.WriteLine(rebuilt.KeptAside is null ? "there was no previous registry file" : $"the previous registry file is kept as {rebuilt.KeptAside}");
        foreach (var reason in rebuilt.Skipped)
        {
            writer.WriteLine($"skipped {reason}");
        }
    }

    /// <summary>The table as aligned plain text, one run a line, a header first.</summary>
    internal static void WritePlain(TextWriter writer, IReadOnlyList<RunRecord> runs, DateTimeOffset now)
    {
        var (headers, rows) = Cells(runs, now);
        var widths = headers.Select((h, c) => rows.Select(r => r[c].Length).Prepend(h.Length).Max()).ToArray();
        writer.WriteLine(Line(headers, widths));
        foreach (var row in rows)
        {
            writer.WriteLine(Line(row, widths));
        }

        writer.WriteLine($"{runs.Count} run{(runs.Count == 1 ? "" : "s")}");
    }

    /// <summary>The table drawn by Spectre.Console, status coloured.</summary>
    internal static Table BuildTable(IReadOnlyList<RunRecord> runs, DateTimeOffset now)
    {
        var (headers, rows) = Cells(runs, now);
        var table = new Table();
        foreach (var header in headers)
        {
            var column = new TableColumn(Markup.Escape(header));
            table.AddColumn(header is "seed" or "duration" || KeyMetrics.Any(m => m.Header == header) ? column.RightAligned() : column);
        }

        int status = Array.IndexOf(headers, "status");
        foreach (var row in rows)
        {
            table.AddRow(row.Select((cell, c) => c == status ? $"[{Colour(cell)}]{Markup.Escape(cell)}[/]" : Markup.Escape(cell)).ToArray());
        }

        table.Caption($"{runs.Count} run{(runs.Count == 1 ? "" : "s")}");
        return table;
    }

    /// <summary>Every field of one run, the config pretty-printed.</summary>
    internal static void WriteDetails(TextWriter writer, RunRecord run, DateTimeOffset now)
    {
        writer.WriteLine($"id        {run.Id}");
        writer.WriteLine($"env       {run.Env}");
        writer.WriteLine($"agent     {run.Agent}");
        writer.WriteLine($"seed      {run.Seed.ToString(CultureInfo.InvariantCulture)}");
        writer.WriteLine($"status    {StatusText(run)}{(run.Message is null ? "" : $" ({run.Message})")}");
        writer.WriteLine($"started   {Time(run.StartedAt)} UTC on {run.Host} (pid {run.ProcessId.ToString(CultureInfo.InvariantCulture)})");
        writer.WriteLine($"ended     {(run.EndedAt is { } ended ? Time(ended) + " UTC" : "-")}");
        writer.WriteLine($"duration  {Duration(run.Duration(now))}");
        writer.WriteLine("summary");
        foreach (var (tag, value) in run.Summary.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.WriteLine($"  {tag} = {value.ToString("R", CultureInfo.InvariantCulture)}");
        }

        writer.WriteLine("artifacts");
        foreach (var (name, path) in run.Artifacts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.WriteLine($"  {name}: {path}");
        }

        using var config = JsonDocument.Parse(run.Config);
        writer.WriteLine("config");
        writer.WriteLine(JsonSerializer.Serialize(config.RootElement, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static (string[] Headers, List<string[]> Rows) Cells(IReadOnlyList<RunRecord> runs, DateTimeOffset now)
    {
        var metrics = KeyMetrics.Where(m => runs.Any(r => r.Summary.ContainsKey(m.Tag))).ToArray();
        string[] headers = ["id", "env", "agent", "seed", "status", "start (UTC)", "duration", .. metrics.Select(m => m.Header)];
        var rows = runs.Select(r => (string[])
        [
            r.Id, r.Env, r.Agent, r.Seed.ToString(CultureInfo.InvariantCulture), StatusText(r), Time(r.StartedAt), Duration(r.Duration(now)),
            .. metrics.Select(m => r.Summary.TryGetValue(m.Tag, out var v) ? v.ToString(m.Format, CultureInfo.InvariantCulture) : "-"),
        ]).ToList();
        return (headers, rows);
    }

    /// <summary>The status, with "running" told apart from a run whose process on this machine is gone (killed, crashed).</summary>
    private static string StatusText(RunRecord run)
    {
        var name = run.Status.ToString().ToLowerInvariant();
        return run.Status == RunStatus.Running && run.Host == Environment.MachineName && !ProcessAlive(run.ProcessId) ? name + " (process gone)" : name;
    }

    private static bool ProcessAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Colour(string status) => status switch
    {
        "finished" => "green",
        "failed" => "red",
        "interrupted" => "yellow",
        "running" => "blue",
        _ => "grey",
    };

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, c) => c == cells.Length - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd();

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan span) =>
        span < TimeSpan.Zero ? "-" : string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}");
}
