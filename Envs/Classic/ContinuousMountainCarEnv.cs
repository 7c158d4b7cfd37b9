using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Classic;

/// <summary>
/// The mountain car with a continuous push, exactly as Gymnasium's <c>classic_control/continuous_mountain_car.py</c>
/// (<c>Continuous_MountainCarEnv</c>): the action, one number clipped to [−1, 1], changes the velocity by
/// <c>force·0.0015 − 0.0025·cos(3x)</c>; the velocity is limited to ±0.07, the position to [−1.2, 0.6], and the left
/// wall stops the car. A step pays <c>−0.1·action²</c> (of the unclipped action), plus 100 when the car reaches
/// position 0.45 with velocity ≥ <see cref="MountainCarBase{TAct}.GoalVelocity"/>, which terminates the episode.
/// As in Gymnasium, the state is rounded to float32 after every step. Actions outside [−1, 1] are accepted and
/// clipped (NaN and infinities are refused).
/// </summary>
public sealed class ContinuousMountainCarEnv : MountainCarBase<float[]>
{
    /// <summary>The velocity change of a full push.</summary>
    public const double Power = 0.0015;

    /// <summary>Creates the env (Gymnasium's <c>goal_velocity</c> defaults to 0).</summary>
    public ContinuousMountainCarEnv(double goalVelocity = 0, string? renderMode = null) : base(0.45, goalVelocity, renderMode) { }

    /// <summary>Builds the env from registry arguments: <c>goal_velocity</c>.</summary>
    public static ContinuousMountainCarEnv FromKwargs(EnvKwargs kwargs)
    {
        ArgumentNullException.ThrowIfNull(kwargs);
        double goalVelocity = kwargs.Get("goal_velocity", 0.0);
        return new(goalVelocity, kwargs.RenderMode);
    }

    /// <inheritdoc/>
    public override Box<float> ActionSpace { get; } = new(-1f, 1f, 1);

    /// <summary>Accepts one finite number; values outside [−1, 1] are clipped by the step, as in Gymnasium.</summary>
    protected override string? ActionProblem(float[] action) => ClippedAction.Problem(action, ActionSpace);

    /// <inheritdoc/>
    protected override StepResult<float[]> OnStep(float[] action)
    {
        EnsureState();
        double push = action[0];
        double position = StateValues[0], velocity = StateValues[1];
        double force = Math.Min(Math.Max(push, -1.0), 1.0);
        velocity += force * Power - 0.0025 * Math.Cos(3 * position);
        if (velocity > MaxSpeed) velocity = MaxSpeed;
        if (velocity < -MaxSpeed) velocity = -MaxSpeed;
        position += velocity;
        if (position > MaxPosition) position = MaxPosition;
        if (position < MinPosition) position = MinPosition;
        if (position == MinPosition && velocity < 0) velocity = 0;
        bool terminated = position >= GoalPosition && velocity >= GoalVelocity;
        double reward = (terminated ? 100.0 : 0.0) - push * push * 0.1;
        StateValues[0] = (float)position; // Gymnasium keeps the state as a float32 array
        StateValues[1] = (float)velocity;
        return new(Observe(), reward, terminated, false, Info.Empty);
    }
}
