using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Tests.Vector;

/// <summary>
/// A tiny deterministic env for vector tests. Observation [steps in episode, episode number, seed tag]: the seed tag
/// is a draw of the env's generator at reset, so it shows which seed a reset used. Reward = 10 * step + action.
/// The episode ends after <c>length</c> steps (terminated, or truncated when <c>truncate</c>).
/// </summary>
internal sealed class CountdownEnv(int length, bool truncate = false, int throwAtStep = -1) : Env<float[], int>(EnvMetadata.None, null)
{
    private readonly float[] _observation = new float[3];
    private int _steps, _episode;

    public int Closes { get; private set; }
    public int Resets { get; private set; }
    public int Steps { get; private set; }
    public int? LastAction { get; private set; }
    public int? LastThreadId { get; private set; }

    public override Box<float> ObservationSpace { get; } = new(0f, 1000f, 3);
    public override Discrete ActionSpace { get; } = new(3);

    protected override ResetResult<float[]> OnReset(IReadOnlyDictionary<string, object?>? options)
    {
        Resets++;
        _steps = 0;
        _episode++;
        _observation[0] = 0;
        _observation[1] = _episode;
        _observation[2] = (float)Math.Floor(NpRandom.Random() * 1000);
        LastThreadId = Environment.CurrentManagedThreadId;
        var info = Info.Empty.With("episode", _episode);
        return new(_observation, options is not null && options.TryGetValue("tag", out var tag) ? info.With("tag", tag) : info);
    }

    protected override StepResult<float[]> OnStep(int action)
    {
        Steps++;
        _steps++;
        LastAction = action;
        LastThreadId = Environment.CurrentManagedThreadId;
        if (_steps == throwAtStep) throw new InvalidOperationException($"countdown failure at step {_steps}");
        _observation[0] = _steps;
        bool end = _steps >= length;
        return new(_observation, 10 * _steps + action, end && !truncate, end && truncate, Info.Empty.With("step", _steps));
    }

    protected override void OnClose() => Closes++;

    public static Func<IEnv<float[], int>>[] Factories(params int[] lengths) =>
        [.. lengths.Select(k => (Func<IEnv<float[], int>>)(() => new CountdownEnv(k)))];
}
