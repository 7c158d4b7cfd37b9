using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Classic;

/// <summary>
/// The inverted pendulum swing-up, exactly as Gymnasium's <c>classic_control/pendulum.py</c>: a float64 state
/// (θ, θ̇) with θ = 0 upright, a torque in [−2, 2] (one number; values beyond are clipped, NaN and infinities refused),
/// the float32 observation [cos θ, sin θ, θ̇]. A step pays <c>−(normalize(θ)² + 0.1·θ̇² + 0.001·torque²)</c> with θ
/// normalized into [−π, π), then sets <c>θ̇ += (3g/2·sin θ + 3·torque)·0.05</c> clipped to ±8 and <c>θ += θ̇·0.05</c>.
/// It never terminates (the registry's 200-step limit truncates). The reset state is drawn uniformly from
/// [−π, π] × [−1, 1] (options "x_init" and "y_init" set the half-widths). The observation array is reused by every
/// Reset and Step: copy it to keep it.
/// </summary>
public sealed partial class PendulumEnv : ClassicControlEnv<float[]>
{
    /// <summary>The torque limit, N·m.</summary>
    public const double MaxTorque = 2.0;

    /// <summary>The angular-speed limit, rad/s.</summary>
    public const double MaxSpeed = 8;

    /// <summary>Seconds per step.</summary>
    public const double Dt = 0.05;

    private const double Mass = 1.0, Length = 1.0;

    private static readonly EnvMetadata PendulumMetadata = new([Envs.RenderMode.RgbArray], RenderFps: 30);

    private readonly double[] _state;
    private readonly float[] _observation = new float[3];

    /// <summary>Creates the env with gravity <paramref name="g"/> (Gymnasium's default 10.0 m/s²).</summary>
    public PendulumEnv(double g = 10.0, string? renderMode = null)
        : base(PendulumMetadata, renderMode, ["theta", "theta_dot"], ScreenSize, ScreenSize)
    {
        _state = StateValues;
        if (!double.IsFinite(g))
            throw new ArgumentOutOfRangeException(nameof(g), g, "Pendulum g must be a finite number (m/s²).");
        Gravity = g;
    }

    /// <summary>Builds the env from registry arguments: <c>g</c>.</summary>
    public static PendulumEnv FromKwargs(EnvKwargs kwargs)
    {
        ArgumentNullException.ThrowIfNull(kwargs);
        double g = kwargs.Get("g", 10.0);
        return new(g, kwargs.RenderMode);
    }

    /// <summary>The acceleration of gravity, m/s² (Gymnasium's <c>g</c>).</summary>
    public double Gravity { get; }

    /// <summary>The torque of the last step after clipping (for the picture), or null after Reset.</summary>
    public float? LastTorque { get; private set; }

    /// <inheritdoc/>
    public override Box<float> ObservationSpace { get; } = new([-1f, -1f, -(float)MaxSpeed], [1f, 1f, (float)MaxSpeed]);

    /// <inheritdoc/>
    public override Box<float> ActionSpace { get; } = new(-(float)MaxTorque, (float)MaxTorque, 1);

    /// <summary>Gymnasium's <c>angle_normalize</c>: <c>((x + π) mod 2π) − π</c>, with Python's floored modulo.</summary>
    public static double AngleNormalize(double x)
    {
        const double period = 2 * Math.PI;
        double shifted = x + Math.PI, mod = shifted % period;
        if (mod < 0) mod += period;
        return mod - Math.PI;
    }

    /// <summary>Draws θ from [−x_init, x_init] and θ̇ from [−y_init, y_init] (defaults π and 1).</summary>
    protected override ResetResult<float[]> OnReset(IReadOnlyDictionary<string, object?>? options)
    {
        double x = ResetOptions.Number(options, "x_init", Math.PI), y = ResetOptions.Number(options, "y_init", 1.0);
        _state[0] = NpRandom.Uniform(-x, x);
        _state[1] = NpRandom.Uniform(-y, y);
        MarkReset();
        LastTorque = null;
        return new(Observe(), Info.Empty);
    }

    /// <summary>Accepts one finite number; values outside [−2, 2] are clipped by the step, as in Gymnasium.</summary>
    protected override string? ActionProblem(float[] action) => ClippedAction.Problem(action, ActionSpace);

    /// <inheritdoc/>
    protected override StepResult<float[]> OnStep(float[] action)
    {
        EnsureState();
        double theta = _state[0], thetaDot = _state[1];
        float torque = Math.Clamp(action[0], -(float)MaxTorque, (float)MaxTorque);
        LastTorque = torque;
        double angle = AngleNormalize(theta), u = torque;
        double costs = angle * angle + 0.1 * (thetaDot * thetaDot) + 0.001 * (u * u);
        double newThetaDot = thetaDot + (3 * Gravity / (2 * Length) * Math.Sin(theta) + 3.0 / (Mass * (Length * Length)) * u) * Dt;
        newThetaDot = Math.Clamp(newThetaDot, -MaxSpeed, MaxSpeed);
        _state[0] = theta + newThetaDot * Dt;
        _state[1] = newThetaDot;
        return new(Observe(), -costs, false, false, Info.Empty);
    }

    private float[] Observe()
    {
        var (sin, cos) = Math.SinCos(_state[0]);
        _observation[0] = (float)cos;
        _observation[1] = (float)sin;
        _observation[2] = (float)_state[1];
        return _observation;
    }

    /// <summary>Saves the last torque (for the picture).</summary>
    protected override void OnSaveState(EnvSnapshot snapshot) => snapshot.Set("last_u", LastTorque is float u ? u : double.NaN);

    /// <inheritdoc/>
    protected override void OnLoadState(EnvSnapshot snapshot)
    {
        double u = snapshot.GetDouble("last_u");
        LastTorque = double.IsNaN(u) ? null : (float)u;
    }
}
