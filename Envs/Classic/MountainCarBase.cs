using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Classic;

/// <summary>
/// What Gymnasium's two mountain-car envs share: a car in the valley <c>sin(3x)</c> between positions −1.2 and 0.6,
/// speeds within ±0.07, a reset position drawn uniformly from [−0.6, −0.4] at rest (options "low" and "high"), a
/// float32 observation (position, velocity) and the picture. Subclasses apply the push in <see cref="Env{TObs, TAct}.Step"/>.
/// The observation array is reused by every Reset and Step: copy it to keep it.
/// </summary>
/// <typeparam name="TAct">The action type: int for <see cref="MountainCarEnv"/>, float[] for <see cref="ContinuousMountainCarEnv"/>.</typeparam>
public abstract partial class MountainCarBase<TAct> : ClassicControlEnv<TAct> where TAct : notnull
{
    /// <summary>The left wall, m.</summary>
    public const double MinPosition = -1.2;

    /// <summary>The right end of the track, m.</summary>
    public const double MaxPosition = 0.6;

    /// <summary>The speed limit, m per step.</summary>
    public const double MaxSpeed = 0.07;

    private static readonly EnvMetadata MountainCarMetadata = new([Envs.RenderMode.Ansi, Envs.RenderMode.RgbArray], RenderFps: 30);

    private readonly float[] _observation = new float[2];

    /// <summary>Creates the env with its goal.</summary>
    /// <param name="goalPosition">The position at which the episode terminates (0.5 discrete, 0.45 continuous).</param>
    /// <param name="goalVelocity">The velocity the car must have at least when it reaches the goal (Gymnasium's <c>goal_velocity</c>, default 0).</param>
    /// <param name="renderMode">"rgb_array", "ansi" or null.</param>
    protected MountainCarBase(double goalPosition, double goalVelocity, string? renderMode)
        : base(MountainCarMetadata, renderMode, ["position", "velocity"], ScreenWidth, ScreenHeight)
    {
        if (!double.IsFinite(goalVelocity))
            throw new ArgumentOutOfRangeException(nameof(goalVelocity), goalVelocity, "MountainCar goal_velocity must be a finite number.");
        GoalPosition = goalPosition;
        GoalVelocity = goalVelocity;
    }

    /// <summary>The position at which the episode terminates, m.</summary>
    public double GoalPosition { get; }

    /// <summary>The least velocity at the goal that terminates the episode (Gymnasium's <c>goal_velocity</c>).</summary>
    public double GoalVelocity { get; }

    /// <inheritdoc/>
    public override Box<float> ObservationSpace { get; } =
        new([(float)MinPosition, -(float)MaxSpeed], [(float)MaxPosition, (float)MaxSpeed]);

    /// <summary>The height of the track at <paramref name="position"/>: <c>0.45 sin(3x) + 0.55</c>.</summary>
    public static double Height(double position) => Math.Sin(3 * position) * 0.45 + 0.55;

    /// <summary>Draws the position uniformly from [low, high] (options "low" and "high", default [−0.6, −0.4]), at rest.</summary>
    protected override ResetResult<float[]> OnReset(IReadOnlyDictionary<string, object?>? options)
    {
        var (low, high) = ResetOptions.Bounds(options, -0.6, -0.4);
        StateValues[0] = NpRandom.Uniform(low, high);
        StateValues[1] = 0;
        MarkReset();
        return new(Observe(), Info.Empty);
    }

    /// <summary>The state as the float32 observation (the reused array).</summary>
    protected float[] Observe()
    {
        _observation[0] = (float)StateValues[0];
        _observation[1] = (float)StateValues[1];
        return _observation;
    }
}
