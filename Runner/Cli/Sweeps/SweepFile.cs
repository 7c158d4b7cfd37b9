using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RlFramework.Runner.Logging;
using RlFramework.Runner.Runs;
using RlFramework.Runner.Training;

namespace RlFramework.Runner.Cli.Sweeps;

/// <summary>
/// Reads a sweep file (JSON): the <c>command</c> every trial runs (agent, env, budget, base agent config), the agent
/// config fields to vary — a <c>grid</c> of values and/or <c>random</c> samples drawn from a seeded generator — the
/// <c>seeds</c>, and the <c>metric</c> that ranks the trials. Every mistake is refused with one message naming the
/// field (its JSON path) and what was expected; every trial's agent config is checked before the sweep starts.
/// </summary>
public static class SweepFile
{
    private static readonly string[] TopFields = ["command", "grid", "random", "seeds", "metric", "goal"];
    private static readonly string[] CommandFields = ["agent", "env", "steps", "episodes", "num_envs", "config", "checkpoint_every", "eval_every", "eval_episodes"];
    private static readonly string[] RandomFields = ["samples", "seed", "fields"];
    private static readonly string[] Distributions = ["uniform", "log_uniform", "int", "choice"];

    /// <summary>Reads the sweep file at <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">The file is missing, is not JSON, or a field is unknown, missing or out of range.</exception>
    public static SweepPlan Read(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"Sweep file '{Path.GetFullPath(path)}' does not exist.");
        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>Parses a sweep file's text; <paramref name="name"/> names it in messages.</summary>
    /// <exception cref="ArgumentException">The text is not JSON, or a field is unknown, missing or out of range.</exception>
    public static SweepPlan Parse(string json, string name)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
                ?? throw new ArgumentException($"{name}: expected a JSON object at the top level.");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{name} is not valid JSON: {e.Message}", e);
        }
        var reader = new Reader(name);
        reader.CheckFields(root, "$", TopFields);
        var command = reader.Object(root, "command", "$") ?? throw reader.Error("$.command", "is missing: give the agent, env and budget every trial runs");
        reader.CheckFields(command, "$.command", CommandFields);
        var grid = Grid(reader, root);
        var samples = RandomSamples(reader, root);
        var seeds = Seeds(reader, root);
        string metric = reader.String(root, "metric", "$") ?? MetricTags.EpisodicReturn;
        string goal = reader.String(root, "goal", "$") ?? "max";
        if (goal is not ("max" or "min")) throw reader.Error("$.goal", $"is '{goal}'; expected \"max\" or \"min\"");
        var baseConfig = reader.Object(command, "config", "$.command") ?? [];
        foreach (var field in grid.Select(g => g.Field).Concat(samples.FirstOrDefault()?.Select(s => s.Field) ?? []))
        {
            if (baseConfig.ContainsKey(field))
                throw reader.Error($"$.command.config.{field}", "is fixed in the command and varied in grid or random; keep it in one place");
        }

        var template = Template(reader, command);
        var trials = new List<SweepTrial>();
        foreach (var point in Product(grid))
        {
            foreach (var sample in samples.Count == 0 ? [[]] : samples)
            {
                var varied = point.Concat(sample).ToList();
                var config = (JsonObject)baseConfig.DeepClone();
                foreach (var (field, value) in varied) config[field] = value.DeepClone();
                foreach (int seed in seeds)
                {
                    string label = string.Join(" ", varied.Select(v => $"{v.Field}={v.Value.ToJsonString()}").Append($"seed={seed}"));
                    trials.Add(new SweepTrial(trials.Count, label, Spec(name, template, config, seed, label)));
                }
            }
        }

        return new SweepPlan(trials, metric, goal == "max");
    }

    /// <summary>The trial's run spec: the command's fields with this config and seed, checked as <c>rl train</c> checks them.</summary>
    private static RunSpec Spec(string name, RunSpec template, JsonObject config, int seed, string label)
    {
        string? configJson = config.Count == 0 ? null : config.ToJsonString();
        try
        {
            bool continuous = AgentChoice.IsContinuous(template.Agent, template.EnvId);
            AgentChoice.Validate(template.Agent, configJson, continuous);
            var spec = template with { Seed = seed };
            spec.Validate();
            return spec with { AgentConfig = AgentChoice.EffectiveConfig(spec.Agent, configJson, spec.Budget, spec.NumEnvs, continuous) };
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{name}, trial {label}: {e.Message}", e);
        }
    }

    /// <summary>The command's run spec, without agent config and with seed 0.</summary>
    private static RunSpec Template(Reader reader, JsonObject command)
    {
        string agent = reader.String(command, "agent", "$.command") ?? throw reader.Error("$.command.agent", $"is missing; expected one of {string.Join(", ", AgentChoice.Names)}");
        if (!AgentChoice.Names.Contains(agent))
            throw reader.Error("$.command.agent", $"is '{agent}'; expected one of {string.Join(", ", AgentChoice.Names)}");
        string env = reader.String(command, "env", "$.command") ?? throw reader.Error("$.command.env", "is missing; expected a registered env id (see `rl envs`)");
        long? steps = reader.Positive(command, "steps", "$.command");
        long? episodes = reader.Positive(command, "episodes", "$.command");
        if (steps is null == episodes is null)
            throw reader.Error("$.command", $"gives {(steps is null ? "neither" : "both")} steps and episodes; give the budget as exactly one of them");
        int numEnvs = (int)(reader.Positive(command, "num_envs", "$.command") ?? 1);
        long checkpointEvery = reader.Positive(command, "checkpoint_every", "$.command") ?? 10_000;
        long evalEvery = reader.Integer(command, "eval_every", "$.command") ?? 0;
        if (evalEvery < 0) throw reader.Error("$.command.eval_every", $"is {evalEvery}; expected 0 (no evaluations) or a positive number of steps");
        int evalEpisodes = (int)(reader.Positive(command, "eval_episodes", "$.command") ?? 10);
        try
        {
            TrainingRun.Shape(env);
        }
        catch (ArgumentException e)
        {
            throw reader.Error("$.command.env", $"'{env}' cannot be trained on: {e.Message}");
        }
        return new RunSpec(env, agent, null, 0, numEnvs, steps, checkpointEvery, evalEvery, evalEpisodes, 0, episodes);
    }

    private static List<(string Field, JsonNode[] Values)> Grid(Reader reader, JsonObject root)
    {
        var grid = reader.Object(root, "grid", "$");
        if (grid is null) return [];
        var axes = new List<(string, JsonNode[])>();
        foreach (var (field, node) in grid)
        {
            string path = $"$.grid.{field}";
            if (node is not JsonArray { Count: > 0 } values || values.Any(v => v is null))
                throw reader.Error(path, $"is {Show(node)}; expected a non-empty array of values");
            axes.Add((field, values.Select(v => v!).ToArray()));
        }
        return axes;
    }

    /// <summary>Every combination of the grid's values, first field outermost (one empty point for no grid).</summary>
    private static IEnumerable<List<(string Field, JsonNode Value)>> Product(List<(string Field, JsonNode[] Values)> grid)
    {
        IEnumerable<List<(string, JsonNode)>> points = [[]];
        foreach (var (field, values) in grid)
            points = points.SelectMany(point => values.Select(value => point.Append((field, value)).ToList()));
        return points;
    }

    /// <summary>The random samples: each a value per field, drawn in file order from a generator seeded by <c>random.seed</c>.</summary>
    private static List<List<(string Field, JsonNode Value)>> RandomSamples(Reader reader, JsonObject root)
    {
        var random = reader.Object(root, "random", "$");
        if (random is null) return [];
        reader.CheckFields(random, "$.random", RandomFields);
        int count = (int)(reader.Positive(random, "samples", "$.random") ?? throw reader.Error("$.random.samples", "is missing; expected the number of samples"));
        int seed = (int)(reader.Integer(random, "seed", "$.random") ?? 0);
        var fields = reader.Object(random, "fields", "$.random");
        if (fields is not { Count: > 0 }) throw reader.Error("$.random.fields", "is missing or empty; expected the fields to sample, e.g. {\"learning_rate\": {\"log_uniform\": [0.0001, 0.01]}}");
        var draws = fields.Select(f => (f.Key, Draw: Distribution(reader, $"$.random.fields.{f.Key}", f.Value))).ToList();
        var generator = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => draws.Select(d => (d.Key, d.Draw(generator))).ToList()).ToList();
    }

    private static Func<Random, JsonNode> Distribution(Reader reader, string path, JsonNode? node)
    {
        if (node is not JsonObject { Count: 1 } spec || !Distributions.Contains(spec.First().Key))
            throw reader.Error(path, $"is {Show(node)}; expected one of {{\"uniform\": [low, high]}}, {{\"log_uniform\": [low, high]}}, {{\"int\": [low, high]}}, {{\"choice\": [values]}}");
        var (kind, arguments) = spec.First();
        if (kind == "choice")
        {
            if (arguments is not JsonArray { Count: > 0 } choices || choices.Any(c => c is null)) throw reader.Error($"{path}.choice", $"is {Show(arguments)}; expected a non-empty array of values");
            return random => choices[random.Next(choices.Count)]!.DeepClone();
        }
        if (arguments is not JsonArray { Count: 2 } range || range.Any(r => r?.GetValueKind() != JsonValueKind.Number))
            throw reader.Error($"{path}.{kind}", $"is {Show(arguments)}; expected [low, high], two numbers");
        double low = range[0]!.GetValue<double>(), high = range[1]!.GetValue<double>();
        if (!(low < high) || (kind == "log_uniform" && low <= 0))
            throw reader.Error($"{path}.{kind}", $"is [{low.ToString(CultureInfo.InvariantCulture)}, {high.ToString(CultureInfo.InvariantCulture)}]; expected low < high{(kind == "log_uniform" ? " and low > 0" : "")}");
        return kind switch
        {
            "uniform" => random => JsonValue.Create(low + (high - low) * random.NextDouble()),
            "log_uniform" => random => JsonValue.Create(Math.Exp(Math.Log(low) + (Math.Log(high) - Math.Log(low)) * random.NextDouble())),
            _ => random => JsonValue.Create(random.NextInt64((long)Math.Ceiling(low), (long)Math.Floor(high) + 1)),
        };
    }

    private static int[] Seeds(Reader reader, JsonObject root)
    {
        if (!root.TryGetPropertyValue("seeds", out var node)) return [0];
        if (node is not JsonArray { Count: > 0 } array || array.Any(s => s?.GetValueKind() != JsonValueKind.Number || !s.AsValue().TryGetValue(out int v) || v < 0))
            throw reader.Error("$.seeds", $"is {Show(node)}; expected a non-empty array of non-negative integers");
        var seeds = array.Select(s => s!.GetValue<int>()).ToArray();
        if (seeds.Distinct().Count() != seeds.Length) throw reader.Error("$.seeds", $"repeats a seed ({Show(node)}); each seed once");
        return seeds;
    }

    private static string Show(JsonNode? node) => node is null ? "null" : node.ToJsonString();

    /// <summary>Typed field access with messages that name the file and the field's path.</summary>
    private sealed class Reader(string name)
    {
        public ArgumentException Error(string path, string problem) => new($"{name}: {path} {problem}.");

        public void CheckFields(JsonObject node, string path, string[] known)
        {
            foreach (var (field, _) in node)
            {
                if (!known.Contains(field))
                {
                    var close = CloseMatches.Find(field, known, count: 1);
                    throw Error($"{path}.{field}", $"is not a known field{(close.Count > 0 ? $" (did you mean {string.Join(", ", close)}?)" : "")}; expected {string.Join(", ", known)}");
                }
            }
        }

        public JsonObject? Object(JsonObject node, string field, string path) => node.TryGetPropertyValue(field, out var value)
            ? value as JsonObject ?? throw Error($"{path}.{field}", $"is {Show(value)}; expected a JSON object")
            : null;

        public string? String(JsonObject node, string field, string path) => node.TryGetPropertyValue(field, out var value)
            ? value?.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Length > 0 ? value.GetValue<string>() : throw Error($"{path}.{field}", $"is {Show(value)}; expected a non-empty string")
            : null;

        public long? Integer(JsonObject node, string field, string path) => node.TryGetPropertyValue(field, out var value)
            ? value?.GetValueKind() == JsonValueKind.Number && value.AsValue().TryGetValue(out long number) ? number : throw Error($"{path}.{field}", $"is {Show(value)}; expected an integer")
            : null;

        public long? Positive(JsonObject node, string field, string path) => Integer(node, field, path) is long value
            ? value > 0 && value <= int.MaxValue ? value : throw Error($"{path}.{field}", $"is {value}; expected a positive integer")
            : null;
    }
}
