using RlFramework.Envs;
using RlFramework.Envs.Spaces;

namespace RlFramework.Benchmarks.Envs;

/// <summary>
/// A benchmark env whose step costs a fixed amount of arithmetic (<c>work</c> iterations of a sine recurrence, about
/// 10 ns each), standing in for envs heavier than CartPole (physics, rendering). Episodes last 200 steps.
/// </summary>
public sealed class VectorBusyEnv(int work) : Env<float[], int>(EnvMetadata.None, null)
{
    private readonly float[] _observation = new float[4];
    private double _state;
    private int _steps;

    /// <inheritdoc/>
    public override Box<float> ObservationSpace { get; } = new(-10f, 10f, 4);

    /// <inheritdoc/>
    public override Discrete ActionSpace { get; } = new(2);

    /// <inheritdoc/>
    protected override ResetResult<float[]> OnReset(IReadOnlyDictionary<string, object?>? options)
    {
        _state = NpRandom.Uniform(-1, 1);
        _steps = 0;
        return new(Observe(), Info.Empty);
    }

    /// <inheritdoc/>
    protected override StepResult<float[]> OnStep(int action)
    {
        double x = _state + action;
        for (int i = 0; i < work; i++) x = Math.Sin(x) + 0.5;
        _state = x;
        _steps++;
        return new(Observe(), 1.0, false, _steps >= 200, Info.Empty);
    }

    private float[] Observe()
    {
        for (int i = 0; i < 4; i++) _observation[i] = (float)Math.Clamp(_state * (i + 1), -10, 10);
        return _observation;
    }
}
