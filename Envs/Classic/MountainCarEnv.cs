using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Classic;

/// <summary>
/// The mountain car with discrete pushes, exactly as Gymnasium's <c>classic_control/mountain_car.py</c>: actions 0
/// (push left), 1 (no push) and 2 (push right) change the velocity by <c>(action − 1)·0.001 − 0.0025·cos(3x)</c>; the
/// velocity is clipped to ±0.07, the position to [−1.2, 0.6], and the left wall stops the car. Every step pays −1;
/// the episode terminates at position ≥ 0.5 with velocity ≥ <see cref="MountainCarBase{TAct}.GoalVelocity"/>.
/// </summary>
public sealed class MountainCarEnv : MountainCarBase<int>
{
    /// <summary>The push of actions 0 and 2.</summary>
    public const double Force = 0.001;

    /// <summary>The slope's pull: the velocity changes by <c>−Gravity·cos(3x)</c> each step.</summary>
    public const double Gravity = 0.0025;

    /// <summary>Creates the env (Gymnasium's <c>goal_velocity</c> defaults to 0).</summary>
    public MountainCarEnv(double goalVelocity = 0, string? renderMode = null) : base(0.5, goalVelocity, renderMode) { }

    /// <summary>Builds the env from registry arguments: <c>goal_velocity</c>.</summary>
    public static MountainCarEnv FromKwargs(EnvKwargs kwargs)
    {
        ArgumentNullException.ThrowIfNull(kwargs);
        double goalVelocity = kwargs.Get("goal_velocity", 0.0);
        return new(goalVelocity, kwargs.RenderMode);
    }

    /// <inheritdoc/>
    public override Discrete ActionSpace { get; } = new(3);

    /// <inheritdoc/>
    protected override StepResult<float[]> OnStep(int action)
    {
        EnsureState();
        double position = StateValues[0], velocity = StateValues[1];
        velocity += (action - 1) * Force + Math.Cos(3 * position) * -Gravity;
        velocity = Math.Clamp(velocity, -MaxSpeed, MaxSpeed);
        position += velocity;
        position = Math.Clamp(position, MinPosition, MaxPosition);
        if (position == MinPosition && velocity < 0) velocity = 0;
        bool terminated = position >= GoalPosition && velocity >= GoalVelocity;
        StateValues[0] = position;
        StateValues[1] = velocity;
        return new(Observe(), -1.0, terminated, false, Info.Empty);
    }
}
