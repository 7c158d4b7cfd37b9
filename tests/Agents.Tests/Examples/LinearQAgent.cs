using System.Globalization;
using System.Text.Json;
using RlFramework.Envs.Seeding;

namespace RlFramework.Agents.Tests.Examples;

/// <summary>One-step Q-learning with a linear Q-function, Q(s, a) = w_a · s, acting ε-greedily.</summary>
public sealed class LinearQAgent : IAgent<int>, IPolicySource<int>
{
    private const string StateFile = "linear-q.json";
    private readonly LinearQConfig _config;
    private readonly int _observationSize, _actionCount, _numEnvs;
    private readonly double[] _weights; // action-major: w_a = _weights[a * observationSize ..]
    private readonly RandomGenerator _random;

    /// <summary>Creates the agent for <paramref name="numEnvs"/> envs; every random draw comes from <paramref name="seed"/>.</summary>
    public LinearQAgent(LinearQConfig config, int observationSize, int actionCount, int numEnvs = 1, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (observationSize <= 0) throw new ArgumentOutOfRangeException(nameof(observationSize), observationSize, "Expected a positive observation size.");
        if (actionCount <= 0) throw new ArgumentOutOfRangeException(nameof(actionCount), actionCount, "Expected a positive number of actions.");
        if (numEnvs <= 0) throw new ArgumentOutOfRangeException(nameof(numEnvs), numEnvs, "Expected a positive number of envs.");
        (_config, _observationSize, _actionCount, _numEnvs) = (config, observationSize, actionCount, numEnvs);
        _weights = new double[actionCount * observationSize];
        _random = RandomGenerator.Derive(seed, "linear-q");
    }

    /// <inheritdoc/>
    public string Name => "linear-q";

    /// <inheritdoc/>
    public double Epsilon => _config.Epsilon;

    /// <inheritdoc/>
    public long Steps { get; private set; }

    /// <inheritdoc/>
    public void Act(ReadOnlySpan<float> observations, Span<int> actions, bool explore)
    {
        if (actions.Length != _numEnvs) throw new ArgumentException($"The agent acts for {_numEnvs} envs; got {actions.Length} action slots.", nameof(actions));
        for (int e = 0; e < actions.Length; e++)
        {
            actions[e] = explore && _random.Random() < _config.Epsilon
                ? (int)_random.Integers(_actionCount)
                : Greedy(observations.Slice(e * _observationSize, _observationSize));
        }
    }

    /// <inheritdoc/>
    public LearnerUpdate? Observe(in Transitions<int> transitions)
    {
        double squaredError = 0;
        for (int e = 0; e < transitions.NumEnvs; e++)
        {
            var state = transitions.Observations.Slice(e * _observationSize, _observationSize);
            var next = transitions.NextObservations.Slice(e * _observationSize, _observationSize);
            double target = transitions.Rewards[e] + (transitions.Terminated[e] ? 0 : _config.Gamma * Q(next, Greedy(next)));
            int action = transitions.Actions[e];
            double error = target - Q(state, action);
            var w = _weights.AsSpan(action * _observationSize, _observationSize);
            for (int i = 0; i < w.Length; i++) w[i] += _config.LearningRate * error * state[i];
            squaredError += error * error;
        }
        Steps += transitions.NumEnvs;
        return new LearnerUpdate(Steps, squaredError / transitions.NumEnvs, double.NaN);
    }

    /// <inheritdoc/>
    public void StartEpisode(int envIndex) { }

    /// <inheritdoc/>
    public IPolicy<int> CreatePolicy(int numEnvs) => new GreedyPolicy(this, numEnvs);

    /// <inheritdoc/>
    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        var state = AgentCheckpoint.RandomState(_random);
        state["steps"] = Steps.ToString(CultureInfo.InvariantCulture);
        state["weights"] = JsonSerializer.Serialize(_weights);
        File.WriteAllText(Path.Combine(folder, StateFile), JsonSerializer.Serialize(state));
    }

    /// <inheritdoc/>
    public void Load(string folder)
    {
        string path = Path.Combine(folder, StateFile);
        var state = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty.");
        var weights = JsonSerializer.Deserialize<double[]>(state["weights"]);
        if (weights?.Length != _weights.Length) throw new InvalidDataException($"{path} holds {weights?.Length ?? 0} weights; this agent has {_weights.Length}.");
        weights.CopyTo(_weights, 0);
        AgentCheckpoint.RestoreRandomState(state, _random);
        Steps = long.Parse(state["steps"], CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public void Dispose() { }

    private double Q(ReadOnlySpan<float> observation, int action)
    {
        var w = _weights.AsSpan(action * _observationSize, _observationSize);
        double q = 0;
        for (int i = 0; i < w.Length; i++) q += w[i] * observation[i];
        return q;
    }

    private int Greedy(ReadOnlySpan<float> observation)
    {
        int best = 0;
        for (int a = 1; a < _actionCount; a++) if (Q(observation, a) > Q(observation, best)) best = a;
        return best;
    }

    /// <summary>The agent's greedy actions, with its weights as they are when it acts.</summary>
    private sealed class GreedyPolicy(LinearQAgent agent, int numEnvs) : IPolicy<int>
    {
        public int NumEnvs => numEnvs;

        public void Act(ReadOnlySpan<float> observations, Span<int> actions)
        {
            if (actions.Length != numEnvs) throw new ArgumentException($"The policy acts for {numEnvs} envs; got {actions.Length} action slots.", nameof(actions));
            for (int e = 0; e < actions.Length; e++) actions[e] = agent.Greedy(observations.Slice(e * agent._observationSize, agent._observationSize));
        }

        public void StartEpisode(int envIndex) { }
    }
}
