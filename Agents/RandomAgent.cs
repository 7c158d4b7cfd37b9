using System.Globalization;
using System.Text.Json;
using RlFramework.Envs.Seeding;

namespace RlFramework.Agents;

/// <summary>Picks uniform random actions; learns nothing. The baseline every agent should beat.</summary>
public sealed class RandomAgent : IAgent<int>, IPolicySource<int>
{
    private readonly int _actionCount, _numEnvs;
    private readonly RandomGenerator _random;
    private readonly long _seed;
    private const string StateFile = "random.json";

    /// <summary>Creates the agent for <paramref name="numEnvs"/> envs with <paramref name="actionCount"/> actions.</summary>
    public RandomAgent(int actionCount, int numEnvs = 1, long seed = 0)
    {
        if (actionCount <= 0) throw new ArgumentOutOfRangeException(nameof(actionCount), actionCount, "The number of actions must be positive.");
        if (numEnvs <= 0) throw new ArgumentOutOfRangeException(nameof(numEnvs), numEnvs, "The number of envs must be positive.");
        (_actionCount, _numEnvs) = (actionCount, numEnvs);
        _random = RandomGenerator.Derive(seed, "random-agent");
        _seed = seed;
    }

    /// <inheritdoc/>
    public string Name => "random";

    /// <inheritdoc/>
    public double Epsilon => 1.0;

    /// <inheritdoc/>
    public long Steps { get; private set; }

    /// <inheritdoc/>
    public void Act(ReadOnlySpan<float> observations, Span<int> actions, bool explore)
    {
        if (actions.Length != _numEnvs) throw new ArgumentException($"The agent acts for {_numEnvs} envs; got {actions.Length} action slots.", nameof(actions));
        for (int e = 0; e < actions.Length; e++) actions[e] = (int)_random.Integers(_actionCount);
    }

    /// <inheritdoc/>
    public IPolicy<int> CreatePolicy(int numEnvs) => new RandomPolicy(_actionCount, numEnvs, RandomGenerator.Derive(_seed, "random-agent-policy"));

    /// <inheritdoc/>
    public LearnerUpdate? Observe(in Transitions<int> transitions)
    {
        Steps += transitions.NumEnvs;
        return null;
    }

    /// <inheritdoc/>
    public void StartEpisode(int envIndex) { }

    /// <inheritdoc/>
    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        var state = AgentCheckpoint.RandomState(_random);
        state["steps"] = Steps.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(folder, StateFile), JsonSerializer.Serialize(state));
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidDataException">The state file is missing or malformed.</exception>
    public void Load(string folder)
    {
        string path = Path.Combine(folder, StateFile);
        try
        {
            var state = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty.");
            AgentCheckpoint.RestoreRandomState(state, _random);
            Steps = long.Parse(state["steps"], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or FileNotFoundException)
        {
            throw new InvalidDataException($"Cannot read the random agent's state {path}: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public void Dispose() { }
}
