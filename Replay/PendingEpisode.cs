namespace RlFramework.Replay;

/// <summary>Steps of one sub-environment's episode in progress; arrays grow by doubling (no allocation once warm).</summary>
internal sealed class PendingEpisode<TAction>
    where TAction : unmanaged
{
    private readonly int _o;
    private readonly int _a;

    public PendingEpisode(int observationSize, int actionSize, int initialCapacity)
    {
        _o = observationSize;
        _a = actionSize;
        Allocate(Math.Max(1, initialCapacity));
    }

    public int Length { get; set; }

    public float[] Observations { get; private set; } = [];

    public float[] NextObservations { get; private set; } = [];

    public TAction[] Actions { get; private set; } = [];

    public float[] Rewards { get; private set; } = [];

    public bool[] Terminated { get; private set; } = [];

    public bool[] Truncated { get; private set; } = [];

    public void Append(ReadOnlySpan<float> obs, ReadOnlySpan<TAction> action, float reward, ReadOnlySpan<float> next, bool terminated, bool truncated)
    {
        if (Length == Rewards.Length)
        {
            Grow();
        }

        int t = Length;
        obs.CopyTo(Observations.AsSpan(t * _o, _o));
        next.CopyTo(NextObservations.AsSpan(t * _o, _o));
        action.CopyTo(Actions.AsSpan(t * _a, _a));
        Rewards[t] = reward;
        Terminated[t] = terminated;
        Truncated[t] = truncated;
        Length = t + 1;
    }

    public void EnsureCapacity(int steps)
    {
        while (Rewards.Length < steps)
        {
            Grow();
        }
    }

    private void Grow()
    {
        var o = Observations;
        var n = NextObservations;
        var a = Actions;
        var r = Rewards;
        var te = Terminated;
        var tr = Truncated;
        Allocate(Math.Max(1, r.Length * 2));
        o.CopyTo(Observations, 0);
        n.CopyTo(NextObservations, 0);
        a.CopyTo(Actions, 0);
        r.CopyTo(Rewards, 0);
        te.CopyTo(Terminated, 0);
        tr.CopyTo(Truncated, 0);
    }

    private void Allocate(int steps)
    {
        Observations = new float[steps * _o];
        NextObservations = new float[steps * _o];
        Actions = new TAction[steps * _a];
        Rewards = new float[steps];
        Terminated = new bool[steps];
        Truncated = new bool[steps];
    }
}
