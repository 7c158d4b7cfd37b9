using System.Text.Json;
using RlFramework.Replay;

namespace RlFramework.Agents.Dqn;

/// <summary>
/// Turns each env's steps into n-step transitions for the replay buffer: (s_t, a_t, Σ_{j&lt;k} γ^j r_{t+j}, s_{t+k})
/// with k = n, or fewer when the episode ends first. Each transition stores k in the extra field
/// <see cref="HorizonField"/>, so the learner bootstraps with γ^k (and not at all after a termination). With n = 1
/// every step is stored as it comes.
/// </summary>
internal sealed class NStepAccumulator
{
    /// <summary>The replay's extra field holding the n-step horizon k (steps summed before bootstrapping).</summary>
    public const string HorizonField = "n_step_horizon";

    private readonly int _n, _observationSize;
    private readonly double _gamma;
    private readonly float[][] _observations;
    private readonly int[][] _actions;
    private readonly double[][] _rewards;
    private readonly int[] _head, _count;

    public NStepAccumulator(int numEnvs, int observationSize, int n, double gamma)
    {
        (_n, _observationSize, _gamma) = (n, observationSize, gamma);
        _observations = new float[numEnvs][];
        _actions = new int[numEnvs][];
        _rewards = new double[numEnvs][];
        for (int e = 0; e < numEnvs; e++)
        {
            _observations[e] = new float[n * observationSize];
            _actions[e] = new int[n];
            _rewards[e] = new double[n];
        }
        _head = new int[numEnvs];
        _count = new int[numEnvs];
    }

    /// <summary>Records env <paramref name="env"/>'s step and stores every transition it completes.</summary>
    public void Push(int env, ReadOnlySpan<float> observation, int action, double reward, ReadOnlySpan<float> nextObservation,
        bool terminated, bool truncated, ReplayBuffer<int> replay)
    {
        int slot = (_head[env] + _count[env]) % _n;
        observation.CopyTo(_observations[env].AsSpan(slot * _observationSize, _observationSize));
        _actions[env][slot] = action;
        _rewards[env][slot] = reward;
        _count[env]++;
        if (terminated || truncated)
        {
            while (_count[env] > 0) Emit(env, nextObservation, terminated, truncated, replay);
            _head[env] = 0;
        }
        else if (_count[env] == _n)
        {
            Emit(env, nextObservation, false, false, replay);
        }
    }

    /// <summary>Stores the oldest pending step of <paramref name="env"/> with the return of every step after it, and drops it.</summary>
    private void Emit(int env, ReadOnlySpan<float> nextObservation, bool terminated, bool truncated, ReplayBuffer<int> replay)
    {
        int head = _head[env], k = _count[env];
        double total = 0, discount = 1;
        for (int j = 0; j < k; j++)
        {
            total += discount * _rewards[env][(head + j) % _n];
            discount *= _gamma;
        }
        replay.Add(_observations[env].AsSpan(head * _observationSize, _observationSize), _actions[env][head], (float)total, nextObservation, terminated, truncated, [k]);
        _head[env] = (head + 1) % _n;
        _count[env]--;
    }

    /// <summary>The pending steps of every env, for checkpoints.</summary>
    public void Save(string path)
    {
        var state = new PendingSteps(_head, _count, _observations, _actions, _rewards);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        JsonSerializer.Serialize(stream, state);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Restores what <see cref="Save"/> wrote.</summary>
    /// <exception cref="InvalidDataException">The file is corrupt or holds another shape of state.</exception>
    public void Load(string path)
    {
        PendingSteps state;
        try
        {
            using var stream = File.OpenRead(path);
            state = JsonSerializer.Deserialize<PendingSteps>(stream) ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is corrupt or truncated: {e.Message}", e);
        }
        if (state.Head.Length != _head.Length || state.Observations.Any(o => o.Length != _n * _observationSize))
            throw new InvalidDataException($"{path} holds pending n-step state of another shape ({state.Head.Length} envs).");
        state.Head.CopyTo(_head, 0);
        state.Count.CopyTo(_count, 0);
        for (int e = 0; e < _head.Length; e++)
        {
            state.Observations[e].CopyTo(_observations[e], 0);
            state.Actions[e].CopyTo(_actions[e], 0);
            state.Rewards[e].CopyTo(_rewards[e], 0);
        }
    }

    private sealed record PendingSteps(int[] Head, int[] Count, float[][] Observations, int[][] Actions, double[][] Rewards);
}
