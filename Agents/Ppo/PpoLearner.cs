using System.Globalization;
using RlFramework.Envs.Seeding;
using RlFramework.Models;
using RlFramework.Models.Modules;
using RlFramework.Models.Optimizers;

namespace RlFramework.Agents.Ppo;

/// <summary>
/// PPO's machinery shared by the Discrete and Box agents, as CleanRL's ppo.py / ppo_continuous_action.py: a 64-64 tanh
/// actor and critic with orthogonal init (gain √2, 0.01 on the actor's output, 1 on the critic's), one Adam (ε 1e-5)
/// over both, a rollout of num_steps × num_envs, GAE, then update_epochs passes of shuffled minibatches with the
/// clipped objective (<see cref="PpoObjective"/>), gradient-norm clipping and linear learning-rate annealing. A
/// truncated step bootstraps from the value of its final observation (unless <see cref="PpoConfig.BootstrapTruncation"/>
/// is false: then it ends the episode's returns as a termination does). Observations and rewards are normalised here
/// when the config says so, so the loop sees raw returns; the observation statistics take in every observation acted
/// on and every episode's final one, as Gymnasium's NormalizeObservation under autoreset does.
/// </summary>
internal sealed class PpoLearner : IDisposable
{
    private readonly PpoConfig _config;
    private readonly PpoHead _head;
    private readonly int _observationSize, _numEnvs, _actionSize, _batchSize, _minibatchSize;
    private readonly Sequential _actor, _critic;
    private readonly Parameter[] _parameters;
    private readonly Adam _optimizer;
    private readonly RandomGenerator _random;
    private readonly RunningMeanStd? _observationStats, _returnStats;
    private readonly double[] _discountedReturns;

    // The rollout, step-major (index t·N + e).
    private readonly float[] _observations, _actions, _logProbs, _values, _rewards, _finalValues, _advantages, _returns;
    private readonly bool[] _terminated, _truncated;

    // Scratch reused every step and minibatch.
    private readonly float[] _normalized, _stepActions, _nextValues, _single, _singleValue = new float[1], _returnRow;
    private readonly int[] _indices;
    private readonly float[] _mbObservations, _mbActions, _mbLogProbs, _mbEntropies, _mbValues, _mbOldLogProbs, _mbAdvantages, _mbReturns, _mbOldValues,
        _gLogProb, _gValue, _gOutput;
    private int _step;
    private long _steps, _updates;

    /// <summary>Builds the networks from <paramref name="seed"/> for <paramref name="numEnvs"/> envs.</summary>
    public PpoLearner(PpoConfig config, PpoHead head, int observationSize, int numEnvs, long seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (observationSize <= 0) throw new ArgumentOutOfRangeException(nameof(observationSize), observationSize, "The observation length must be positive.");
        if (numEnvs != config.NumEnvs) throw new ArgumentException($"The PPO config is for num_envs = {config.NumEnvs}; the agent was asked to act for {numEnvs} envs.");
        if (seed < 0) throw new ArgumentOutOfRangeException(nameof(seed), seed, "The seed must be non-negative.");
        (_config, _head, _observationSize, _numEnvs, _actionSize) = (config, head, observationSize, numEnvs, head.ActionSize);
        (_batchSize, _minibatchSize) = (config.BatchSize, config.MinibatchSize);
        var initialisation = new Generator(seed);
        _critic = Network(observationSize, 1, 1.0, initialisation);
        _actor = Network(observationSize, head.OutputSize, 0.01, initialisation);
        _parameters = [.. _critic.parameters(), .. _actor.parameters(), .. head.Parameters.Select(p => p.Parameter)];
        _optimizer = torch.optim.Adam(_parameters, config.LearningRate, eps: 1e-5);
        _random = RandomGenerator.Derive(seed, "ppo");
        if (config.NormalizeObservation) _observationStats = new RunningMeanStd(observationSize);
        if (config.NormalizeReward) _returnStats = new RunningMeanStd(1);
        _discountedReturns = new double[numEnvs];
        int n = _batchSize;
        _observations = new float[n * observationSize];
        _actions = new float[n * _actionSize];
        (_logProbs, _values, _rewards, _finalValues, _advantages, _returns) = (new float[n], new float[n], new float[n], new float[n], new float[n], new float[n]);
        (_terminated, _truncated) = (new bool[n], new bool[n]);
        _normalized = new float[numEnvs * observationSize];
        _stepActions = new float[numEnvs * _actionSize];
        _nextValues = new float[numEnvs];
        _single = new float[observationSize];
        _returnRow = new float[numEnvs];
        _indices = Enumerable.Range(0, n).ToArray();
        int m = _minibatchSize;
        _mbObservations = new float[m * observationSize];
        _mbActions = new float[m * _actionSize];
        (_mbLogProbs, _mbEntropies, _mbValues, _mbOldLogProbs, _mbAdvantages, _mbReturns, _mbOldValues) =
            (new float[m], new float[m], new float[m], new float[m], new float[m], new float[m], new float[m]);
        (_gLogProb, _gValue, _gOutput) = (new float[m], new float[m], new float[m * head.OutputSize]);
    }

    /// <summary>The hyperparameters.</summary>
    public PpoConfig Config => _config;

    /// <summary>Env steps observed so far (summed over envs).</summary>
    public long Steps => _steps;

    /// <summary>The actor network (its output: logits or the Gaussian's mean).</summary>
    public Sequential Actor => _actor;

    /// <summary>The critic network.</summary>
    public Sequential Critic => _critic;

    /// <summary>Every trainable parameter: critic, actor, head.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    private static Sequential Network(int inputs, int outputs, double outputGain, Generator generator)
    {
        Linear Layer(int from, int to, double gain)
        {
            var layer = torch.nn.Linear(from, to, generator: generator);
            torch.nn.init.orthogonal_(layer.weight, gain, generator);
            torch.nn.init.zeros_(layer.bias!);
            return layer;
        }
        return torch.nn.Sequential(Layer(inputs, 64, Math.Sqrt(2)), torch.nn.Tanh(), Layer(64, 64, Math.Sqrt(2)), torch.nn.Tanh(), Layer(64, outputs, outputGain));
    }

    /// <summary>
    /// Chooses an action per env into the returned span (floats, <see cref="PpoHead.ActionSize"/> per env). Exploring,
    /// it samples and records the step's observation, action, log-probability and value in the rollout.
    /// </summary>
    public ReadOnlySpan<float> Act(ReadOnlySpan<float> observations, bool explore)
    {
        if (observations.Length != _numEnvs * _observationSize)
            throw new ArgumentException($"PPO acts for {_numEnvs} envs of {_observationSize} values; got {observations.Length} values.");
        if (explore) _observationStats?.Update(observations);
        Normalize(observations, _normalized);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var input = torch.tensor(_normalized, _numEnvs, _observationSize);
        var outputs = _actor.forward(input).data<float>();
        int width = _head.OutputSize;
        if (!explore)
        {
            for (int e = 0; e < _numEnvs; e++) _head.Greedy(outputs.Slice(e * width, width), _stepActions.AsSpan(e * _actionSize, _actionSize));
            return _stepActions;
        }
        var values = _critic.forward(input).data<float>();
        int row = _step * _numEnvs;
        _normalized.CopyTo(_observations, row * _observationSize);
        for (int e = 0; e < _numEnvs; e++)
        {
            var action = _stepActions.AsSpan(e * _actionSize, _actionSize);
            _logProbs[row + e] = _head.Sample(outputs.Slice(e * width, width), action, _random);
            action.CopyTo(_actions.AsSpan((row + e) * _actionSize));
            _values[row + e] = values[e];
        }
        return _stepActions;
    }

    /// <summary>The greedy actions for <paramref name="observations"/> into <paramref name="actions"/>, leaving the training state alone.</summary>
    public void Greedy(ReadOnlySpan<float> observations, Span<float> actions)
    {
        int rows = actions.Length / _actionSize;
        var normalized = new float[observations.Length];
        Normalize(observations, normalized);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var outputs = _actor.forward(torch.tensor(normalized, rows, _observationSize)).data<float>();
        int width = _head.OutputSize;
        for (int e = 0; e < rows; e++) _head.Greedy(outputs.Slice(e * width, width), actions.Slice(e * _actionSize, _actionSize));
    }

    /// <summary>Observations as the networks see them: normalised and clipped to ±10 when configured, else as they are.</summary>
    private void Normalize(ReadOnlySpan<float> observations, Span<float> destination)
    {
        if (_observationStats is not { } stats)
        {
            observations.CopyTo(destination);
            return;
        }
        ReadOnlySpan<double> mean = stats.Mean, variance = stats.Var;
        for (int i = 0; i < observations.Length; i++)
        {
            int k = i % _observationSize;
            destination[i] = (float)Math.Clamp((observations[i] - mean[k]) / Math.Sqrt(variance[k] + 1e-8), -10, 10);
        }
    }

    /// <summary>Records the rewards and flags of the step <see cref="Act"/> began; at the end of a rollout, learns and returns the update.</summary>
    public LearnerUpdate? Observe(ReadOnlySpan<double> rewards, ReadOnlySpan<bool> terminated, ReadOnlySpan<bool> truncated, ReadOnlySpan<float> nextObservations)
    {
        int row = _step * _numEnvs;
        // Gymnasium's NormalizeObservation sees an ended episode's final observation before the reset one (next Act).
        if (_observationStats is { } observationStats)
        {
            for (int e = 0; e < _numEnvs; e++)
                if (terminated[e] || truncated[e]) observationStats.Update(nextObservations.Slice(e * _observationSize, _observationSize));
        }
        for (int e = 0; e < _numEnvs; e++)
        {
            _rewards[row + e] = (float)rewards[e];
            (_terminated[row + e], _truncated[row + e]) = _config.BootstrapTruncation ? (terminated[e], truncated[e]) : (terminated[e] || truncated[e], false);
            if (_returnStats is not null) _discountedReturns[e] = _discountedReturns[e] * _config.Gamma * (terminated[e] ? 0 : 1) + rewards[e];
        }
        if (_returnStats is { } returnStats)
        {
            for (int e = 0; e < _numEnvs; e++) _returnRow[e] = (float)_discountedReturns[e];
            returnStats.Update(_returnRow);
            double scale = Math.Sqrt(returnStats.Var[0] + 1e-8);
            for (int e = 0; e < _numEnvs; e++) _rewards[row + e] = (float)Math.Clamp(rewards[e] / scale, -10, 10);
        }
        for (int e = 0; e < _numEnvs; e++)
            if (_truncated[row + e] && !_terminated[row + e]) _finalValues[row + e] = Value(nextObservations.Slice(e * _observationSize, _observationSize));
        _steps += _numEnvs;
        if (++_step < _config.NumSteps) return null;
        _step = 0;
        Values(nextObservations, _nextValues);
        return Learn();
    }

    private float Value(ReadOnlySpan<float> observation)
    {
        Values(observation, _singleValue);
        return _singleValue[0];
    }

    /// <summary>The critic's values of raw observations (normalised without updating the statistics).</summary>
    private void Values(ReadOnlySpan<float> observations, Span<float> values)
    {
        var normalized = observations.Length == _single.Length ? _single : _normalized;
        Normalize(observations, normalized);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        _critic.forward(torch.tensor(normalized.AsSpan(0, observations.Length), values.Length, _observationSize)).data<float>().CopyTo(values);
    }

    private LearnerUpdate Learn()
    {
        double fraction = _config.AnnealLr ? Math.Max(0, 1.0 - (double)_updates / Math.Max(1, _config.NumIterations)) : 1.0;
        _optimizer.lr = fraction * _config.LearningRate;
        Gae.Compute(_rewards, _values, _terminated, _truncated, _finalValues, _nextValues, (float)_config.Gamma, (float)_config.GaeLambda, _advantages, _returns);
        for (int i = 0; i < _indices.Length; i++) _indices[i] = i; // b_inds = np.arange(batch_size), shuffled in place epoch after epoch
        PpoLosses last = default;
        double clipFractions = 0;
        int minibatches = 0;
        for (int epoch = 0; epoch < _config.UpdateEpochs; epoch++)
        {
            Shuffle(_indices);
            for (int start = 0; start < _batchSize; start += _minibatchSize)
            {
                last = Step(_indices.AsSpan(start, _minibatchSize));
                clipFractions += last.ClipFraction;
                minibatches++;
            }
            if (_config.TargetKl is double targetKl && last.ApproxKl > targetKl) break;
        }
        _updates++;
        double explained = ExplainedVariance(_values, _returns);
        double meanValue = 0;
        foreach (float v in _values) meanValue += v;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["charts/learning_rate"] = _optimizer.lr,
            ["losses/value_loss"] = last.ValueLoss,
            ["losses/policy_loss"] = last.PolicyLoss,
            ["losses/entropy"] = last.Entropy,
            ["losses/old_approx_kl"] = last.OldApproxKl,
            ["losses/approx_kl"] = last.ApproxKl,
            ["losses/clipfrac"] = clipFractions / minibatches,
            ["losses/explained_variance"] = explained,
        };
        return new LearnerUpdate(_steps, last.Total(_config), meanValue / _values.Length, metrics);
    }

    /// <summary>A Fisher–Yates shuffle from the agent's own generator (NumPy's draws are not ours to copy).</summary>
    private void Shuffle(int[] indices)
    {
        for (int i = indices.Length - 1; i > 0; i--)
        {
            int j = (int)_random.Integers(i + 1);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
    }

    /// <summary>1 − Var(returns − values)/Var(returns), NaN when the returns do not vary (as CleanRL, in float64).</summary>
    internal static double ExplainedVariance(ReadOnlySpan<float> values, ReadOnlySpan<float> returns)
    {
        static double Variance(ReadOnlySpan<float> a, ReadOnlySpan<float> b, bool difference)
        {
            double mean = 0, sum = 0;
            for (int i = 0; i < a.Length; i++) mean += difference ? (double)a[i] - b[i] : a[i];
            mean /= a.Length;
            for (int i = 0; i < a.Length; i++)
            {
                double d = (difference ? (double)a[i] - b[i] : a[i]) - mean;
                sum += d * d;
            }
            return sum / a.Length;
        }
        double varReturns = Variance(returns, returns, false);
        return varReturns == 0 ? double.NaN : 1 - Variance(returns, values, true) / varReturns;
    }

    private PpoLosses Step(ReadOnlySpan<int> batch)
    {
        int m = batch.Length, width = _head.OutputSize;
        for (int i = 0; i < m; i++)
        {
            int k = batch[i];
            _observations.AsSpan(k * _observationSize, _observationSize).CopyTo(_mbObservations.AsSpan(i * _observationSize));
            _actions.AsSpan(k * _actionSize, _actionSize).CopyTo(_mbActions.AsSpan(i * _actionSize));
            (_mbOldLogProbs[i], _mbAdvantages[i], _mbReturns[i], _mbOldValues[i]) = (_logProbs[k], _advantages[k], _returns[k], _values[k]);
        }
        if (_config.NormAdv) NormalizeAdvantages(_mbAdvantages);
        using var scope = torch.NewDisposeScope();
        var input = torch.tensor(_mbObservations, m, _observationSize);
        var output = _actor.forward(input);
        var value = _critic.forward(input);
        var outputs = output.data<float>();
        value.data<float>().CopyTo(_mbValues);
        for (int i = 0; i < m; i++)
            (_mbLogProbs[i], _mbEntropies[i]) = _head.Evaluate(outputs.Slice(i * width, width), _mbActions.AsSpan(i * _actionSize, _actionSize));
        var (losses, gEntropy) = PpoObjective.Compute(_mbLogProbs, _mbEntropies, _mbValues, _mbOldLogProbs, _mbAdvantages, _mbReturns, _mbOldValues, _config, _gLogProb, _gValue);
        Array.Clear(_gOutput);
        for (int i = 0; i < m; i++)
            _head.Backward(outputs.Slice(i * width, width), _mbActions.AsSpan(i * _actionSize, _actionSize), _gLogProb[i], gEntropy, _gOutput.AsSpan(i * width, width));
        _optimizer.zero_grad();
        output.backward(torch.tensor(_gOutput, m, width));
        value.backward(torch.tensor(_gValue, m, 1));
        _head.TakeGradients();
        torch.nn.utils.clip_grad_norm_(_parameters, _config.MaxGradNorm);
        _optimizer.step();
        return losses;
    }

    /// <summary>(A − mean)/(std + 1e-8) with torch's unbiased standard deviation.</summary>
    private static void NormalizeAdvantages(Span<float> advantages)
    {
        double mean = 0, sum = 0;
        foreach (float a in advantages) mean += a;
        mean /= advantages.Length;
        foreach (float a in advantages) sum += (a - mean) * (a - mean);
        double std = Math.Sqrt(sum / (advantages.Length - 1));
        for (int i = 0; i < advantages.Length; i++) advantages[i] = (float)((advantages[i] - mean) / (std + 1e-8));
    }

    /// <summary>The tensors to checkpoint: networks, head, rollout so far (flags as 0/1).</summary>
    public IEnumerable<(string Prefix, IReadOnlyDictionary<string, Tensor> Tensors)> StateGroups()
    {
        static Tensor Of(float[] values) => torch.tensor(values, [values.Length]);
        static Tensor Flags(bool[] flags) => Of(flags.Select(f => f ? 1f : 0f).ToArray());
        var rollout = new Dictionary<string, Tensor>(StringComparer.Ordinal)
        {
            ["observations"] = Of(_observations),
            ["actions"] = Of(_actions),
            ["log_probs"] = Of(_logProbs),
            ["values"] = Of(_values),
            ["rewards"] = Of(_rewards),
            ["final_values"] = Of(_finalValues),
            ["terminated"] = Flags(_terminated),
            ["truncated"] = Flags(_truncated),
        };
        return [("critic.", _critic.state_dict()), ("actor.", _actor.state_dict()),
            ("head.", _head.Parameters.ToDictionary(p => p.Name, p => (Tensor)p.Parameter, StringComparer.Ordinal)), ("rollout.", rollout)];
    }

    /// <summary>The counters and running statistics to checkpoint.</summary>
    public Dictionary<string, string> StateMetadata()
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["rollout_step"] = _step.ToString(CultureInfo.InvariantCulture),
            ["steps"] = _steps.ToString(CultureInfo.InvariantCulture),
            ["updates"] = _updates.ToString(CultureInfo.InvariantCulture),
            ["discounted_returns"] = string.Join(' ', _discountedReturns.Select(v => v.ToString("R", CultureInfo.InvariantCulture))),
        };
        foreach (var (key, value) in (_observationStats?.Save("obs_rms.") ?? []).Concat(_returnStats?.Save("return_rms.") ?? [])) metadata[key] = value;
        return metadata;
    }

    /// <summary>Saves the learner to a checkpoint at <paramref name="path"/> as agent <paramref name="agent"/>.</summary>
    public void Save(string path, string agent) =>
        AgentCheckpoint.Save(path, agent, _config.ToJson(), _optimizer, _random, StateGroups(), StateMetadata());

    /// <summary>Restores what <see cref="Save"/> wrote.</summary>
    /// <exception cref="InvalidDataException">The checkpoint is another agent's or of another shape.</exception>
    public void Load(string path, string agent)
    {
        var (tensors, metadata) = AgentCheckpoint.Read(path, agent);
        _critic.load_state_dict(AgentCheckpoint.Group(tensors, "critic."));
        _actor.load_state_dict(AgentCheckpoint.Group(tensors, "actor."));
        var head = AgentCheckpoint.Group(tensors, "head.");
        foreach (var (name, parameter) in _head.Parameters) Restore(head, name, parameter.data<float>(), path);
        var rollout = AgentCheckpoint.Group(tensors, "rollout.");
        Restore(rollout, "observations", _observations, path);
        Restore(rollout, "actions", _actions, path);
        Restore(rollout, "log_probs", _logProbs, path);
        Restore(rollout, "values", _values, path);
        Restore(rollout, "rewards", _rewards, path);
        Restore(rollout, "final_values", _finalValues, path);
        RestoreFlags(rollout, "terminated", _terminated, path);
        RestoreFlags(rollout, "truncated", _truncated, path);
        AgentCheckpoint.RestoreOptimizer(tensors, metadata, _optimizer);
        AgentCheckpoint.RestoreRandomState(metadata, _random);
        _step = int.Parse(metadata["rollout_step"], CultureInfo.InvariantCulture);
        _steps = long.Parse(metadata["steps"], CultureInfo.InvariantCulture);
        _updates = long.Parse(metadata["updates"], CultureInfo.InvariantCulture);
        var returns = metadata["discounted_returns"].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        if (returns.Length != _numEnvs) throw new InvalidDataException($"{path} holds the discounted returns of {returns.Length} envs; this agent acts for {_numEnvs}.");
        returns.CopyTo(_discountedReturns, 0);
        _observationStats?.Load(metadata, "obs_rms.");
        _returnStats?.Load(metadata, "return_rms.");
    }

    private static void Restore(IReadOnlyDictionary<string, Tensor> group, string name, Span<float> destination, string path)
    {
        if (!group.TryGetValue(name, out var tensor) || tensor.numel() != destination.Length)
            throw new InvalidDataException($"{path} lacks {name} of {destination.Length} values (or holds another number); it is not a checkpoint of this PPO agent's shape.");
        tensor.data<float>().CopyTo(destination);
    }

    private static void RestoreFlags(IReadOnlyDictionary<string, Tensor> group, string name, bool[] destination, string path)
    {
        var values = new float[destination.Length];
        Restore(group, name, values, path);
        for (int i = 0; i < values.Length; i++) destination[i] = values[i] != 0;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _actor.Dispose();
        _critic.Dispose();
    }
}
