using System.Diagnostics;

namespace RlFramework.Envs.Wrappers;

/// <summary>
/// Tracks each episode's return, length and wall time; when an episode ends, adds info["episode"]
/// (<see cref="EpisodeStatistics"/>) and appends to the queues of the last <c>bufferLength</c> episodes.
/// </summary>
/// <typeparam name="TObs">The observation type.</typeparam>
/// <typeparam name="TAct">The action type.</typeparam>
public sealed class RecordEpisodeStatistics<TObs, TAct> : Wrapper<TObs, TAct> where TObs : notnull where TAct : notnull
{
    /// <summary>The info key of the statistics.</summary>
    public const string InfoKey = "episode";

    private readonly int _bufferLength;
    private readonly Queue<EpisodeStatistics> _episodes;
    private long _startTimestamp;

    /// <summary>Wraps <paramref name="env"/>, keeping the statistics of the last <paramref name="bufferLength"/> episodes.</summary>
    public RecordEpisodeStatistics(IEnv<TObs, TAct> env, int bufferLength = 100) : base(env)
    {
        if (bufferLength <= 0) throw new ArgumentOutOfRangeException(nameof(bufferLength), bufferLength, "The buffer length must be positive.");
        _bufferLength = bufferLength;
        _episodes = new Queue<EpisodeStatistics>(bufferLength);
    }

    /// <summary>The return of the episode so far.</summary>
    public double EpisodeReturn { get; private set; }

    /// <summary>The length of the episode so far.</summary>
    public int EpisodeLength { get; private set; }

    /// <summary>The number of episodes finished since construction.</summary>
    public int EpisodeCount { get; private set; }

    /// <summary>The last episodes, oldest first (at most the buffer length).</summary>
    public IReadOnlyCollection<EpisodeStatistics> Episodes => _episodes;

    /// <summary>The returns of the last episodes (Gymnasium's return_queue).</summary>
    public IEnumerable<double> ReturnQueue => _episodes.Select(e => e.Return);

    /// <summary>The lengths of the last episodes (Gymnasium's length_queue).</summary>
    public IEnumerable<int> LengthQueue => _episodes.Select(e => e.Length);

    /// <summary>The durations of the last episodes in seconds (Gymnasium's time_queue).</summary>
    public IEnumerable<double> TimeQueue => _episodes.Select(e => e.Time);

    /// <inheritdoc/>
    public override ResetResult<TObs> Reset(int? seed = null, IReadOnlyDictionary<string, object?>? options = null)
    {
        var result = Env.Reset(seed, options);
        EpisodeReturn = 0;
        EpisodeLength = 0;
        _startTimestamp = Stopwatch.GetTimestamp();
        return result;
    }

    /// <inheritdoc/>
    public override StepResult<TObs> Step(TAct action)
    {
        var result = Env.Step(action);
        EpisodeReturn += result.Reward;
        EpisodeLength++;
        if (!result.Done) return result;
        var statistics = new EpisodeStatistics(EpisodeReturn, EpisodeLength, Math.Round(Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds, 6));
        if (_episodes.Count == _bufferLength) _episodes.Dequeue();
        _episodes.Enqueue(statistics);
        EpisodeCount++;
        return result with { Info = result.Info.With(InfoKey, statistics) };
    }

    /// <summary>Saves the running episode's return and length, the episode count and the queue of past episodes (not the wall-clock start).</summary>
    protected override void OnSaveState(EnvSnapshot snapshot)
    {
        snapshot.Set("episode_return", EpisodeReturn);
        snapshot.Set("episode_length", EpisodeLength);
        snapshot.Set("episode_count", EpisodeCount);
        snapshot.Set("queued", _episodes.Count);
        int i = 0;
        foreach (var episode in _episodes)
        {
            snapshot.Set($"queue/{i}/return", episode.Return);
            snapshot.Set($"queue/{i}/length", episode.Length);
            snapshot.Set($"queue/{i++}/time", episode.Time);
        }
    }

    /// <summary>Restores what <see cref="OnSaveState"/> wrote; the running episode's clock restarts now.</summary>
    protected override void OnLoadState(EnvSnapshot snapshot)
    {
        EpisodeReturn = snapshot.GetDouble("episode_return");
        EpisodeLength = (int)snapshot.GetLong("episode_length");
        EpisodeCount = (int)snapshot.GetLong("episode_count");
        long queued = snapshot.GetLong("queued");
        if (queued < 0 || queued > _bufferLength)
            throw new InvalidDataException($"The env snapshot holds {queued} past episodes; this RecordEpisodeStatistics keeps 0 to {_bufferLength}.");
        _episodes.Clear();
        for (int i = 0; i < queued; i++)
            _episodes.Enqueue(new EpisodeStatistics(snapshot.GetDouble($"queue/{i}/return"), (int)snapshot.GetLong($"queue/{i}/length"), snapshot.GetDouble($"queue/{i}/time")));
        _startTimestamp = Stopwatch.GetTimestamp();
    }
}
