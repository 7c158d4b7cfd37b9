using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Classic;

/// <summary>
/// The acrobot, exactly as Gymnasium's <c>classic_control/acrobot.py</c>: two links hanging from a fixed joint, the
/// torque −1, 0 or +1 (actions 0, 1, 2) applied at the joint between them. The state (θ1, θ2, θ̇1, θ̇2) is integrated over
/// 0.2 s by one fourth-order Runge–Kutta step of Sutton and Barto's book dynamics (or the NeurIPS paper's,
/// <see cref="BookOrNips"/>); the angles are then wrapped into [−π, π] and the velocities bounded to ±4π and ±9π.
/// The observation is the float32 vector [cos θ1, sin θ1, cos θ2, sin θ2, θ̇1, θ̇2]. Every step pays −1 until the free
/// end rises above the bar (<c>−cos θ1 − cos(θ1 + θ2) &gt; 1</c>), which pays 0 and terminates. The reset state is drawn
/// uniformly from [−0.1, 0.1]⁴ (options "low" and "high") and rounded to float32, as Gymnasium does. Gymnasium's
/// torque noise is 0, so no noise is drawn. The observation array is reused by every Reset and Step: copy it to keep it.
/// </summary>
public sealed partial class AcrobotEnv : ClassicControlEnv<int>
{
    /// <summary>Seconds integrated per step.</summary>
    public const double Dt = 0.2;

    /// <summary>Length of each link, m.</summary>
    public const double LinkLength = 1.0;

    /// <summary>The bound of θ̇1, rad/s (4π).</summary>
    public const double MaxVel1 = 4 * Math.PI;

    /// <summary>The bound of θ̇2, rad/s (9π).</summary>
    public const double MaxVel2 = 9 * Math.PI;

    private const double M1 = 1.0, M2 = 1.0, L1 = LinkLength, Lc1 = 0.5, Lc2 = 0.5, I1 = 1.0, I2 = 1.0, G = 9.8;

    private static readonly EnvMetadata AcrobotMetadata = new([Envs.RenderMode.RgbArray], RenderFps: 15);

    private readonly double[] _state;
    private readonly float[] _observation = new float[6];
    private readonly bool _nips;

    /// <summary>Creates the env.</summary>
    /// <param name="bookOrNips">"book" (default: Sutton and Barto's dynamics) or "nips" (the NeurIPS paper's, without the θ̇1² term).</param>
    /// <param name="renderMode">"rgb_array" or null.</param>
    public AcrobotEnv(string bookOrNips = "book", string? renderMode = null)
        : base(AcrobotMetadata, renderMode, ["theta1", "theta2", "dtheta1", "dtheta2"], ScreenSize, ScreenSize)
    {
        _state = StateValues;
        if (bookOrNips is not ("book" or "nips"))
            throw new ArgumentException($"Acrobot book_or_nips '{bookOrNips}' is unknown; expected 'book' or 'nips'.", nameof(bookOrNips));
        BookOrNips = bookOrNips;
        _nips = bookOrNips == "nips";
        float v1 = (float)MaxVel1, v2 = (float)MaxVel2;
        ObservationSpace = new Box<float>([-1f, -1f, -1f, -1f, -v1, -v2], [1f, 1f, 1f, 1f, v1, v2]);
    }

    /// <summary>Builds the env from registry arguments: <c>book_or_nips</c> (Gymnasium sets it as an attribute).</summary>
    public static AcrobotEnv FromKwargs(EnvKwargs kwargs)
    {
        ArgumentNullException.ThrowIfNull(kwargs);
        string bookOrNips = kwargs.Get("book_or_nips", "book");
        return new(bookOrNips, kwargs.RenderMode);
    }

    /// <summary>"book" or "nips": which dynamics the env integrates.</summary>
    public string BookOrNips { get; }

    /// <inheritdoc/>
    public override Box<float> ObservationSpace { get; }

    /// <inheritdoc/>
    public override Discrete ActionSpace { get; } = new(3);

    /// <summary>Draws the state uniformly from [low, high]⁴ (options "low" and "high", default ±0.1), as float32 values.</summary>
    protected override ResetResult<float[]> OnReset(IReadOnlyDictionary<string, object?>? options)
    {
        var (low, high) = ResetOptions.Bounds(options, -0.1, 0.1);
        NpRandom.Uniform(low, high, _state);
        for (int i = 0; i < 4; i++) _state[i] = (float)_state[i];
        MarkReset();
        return new(Observe(), Info.Empty);
    }

    /// <inheritdoc/>
    protected override StepResult<float[]> OnStep(int action)
    {
        EnsureState();
        Integrate(action - 1.0);
        _state[0] = Wrap(_state[0], -Math.PI, Math.PI);
        _state[1] = Wrap(_state[1], -Math.PI, Math.PI);
        _state[2] = Bound(_state[2], -MaxVel1, MaxVel1);
        _state[3] = Bound(_state[3], -MaxVel2, MaxVel2);
        bool terminated = -Math.Cos(_state[0]) - Math.Cos(_state[1] + _state[0]) > 1.0;
        return new(Observe(), terminated ? 0.0 : -1.0, terminated, false, Info.Empty);
    }

    /// <summary>One Runge–Kutta step over <see cref="Dt"/> with the torque held constant (Gymnasium's <c>rk4</c> over [0, dt]).</summary>
    private void Integrate(double torque)
    {
        const double half = Dt / 2.0;
        Span<double> y = stackalloc double[4], k1 = stackalloc double[4], k2 = stackalloc double[4], k3 = stackalloc double[4], k4 = stackalloc double[4];
        Derivatives(_state, torque, k1);
        for (int i = 0; i < 4; i++) y[i] = _state[i] + half * k1[i];
        Derivatives(y, torque, k2);
        for (int i = 0; i < 4; i++) y[i] = _state[i] + half * k2[i];
        Derivatives(y, torque, k3);
        for (int i = 0; i < 4; i++) y[i] = _state[i] + Dt * k3[i];
        Derivatives(y, torque, k4);
        for (int i = 0; i < 4; i++) _state[i] += Dt / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }

    /// <summary>Gymnasium's <c>_dsdt</c>: (θ̇1, θ̇2, θ̈1, θ̈2) at state <paramref name="s"/> under <paramref name="torque"/>.</summary>
    private void Derivatives(ReadOnlySpan<double> s, double torque, Span<double> ds)
    {
        double theta1 = s[0], theta2 = s[1], dtheta1 = s[2], dtheta2 = s[3];
        var (sin2, cos2) = Math.SinCos(theta2);
        double d1 = M1 * (Lc1 * Lc1) + M2 * (L1 * L1 + Lc2 * Lc2 + 2 * L1 * Lc2 * cos2) + I1 + I2;
        double d2 = M2 * (Lc2 * Lc2 + L1 * Lc2 * cos2) + I2;
        double phi2 = M2 * Lc2 * G * Math.Cos(theta1 + theta2 - Math.PI / 2.0);
        double phi1 = -M2 * L1 * Lc2 * (dtheta2 * dtheta2) * sin2
            - 2 * M2 * L1 * Lc2 * dtheta2 * dtheta1 * sin2
            + (M1 * Lc1 + M2 * L1) * G * Math.Cos(theta1 - Math.PI / 2)
            + phi2;
        double ddtheta2 = _nips
            ? (torque + d2 / d1 * phi1 - phi2) / (M2 * (Lc2 * Lc2) + I2 - d2 * d2 / d1)
            : (torque + d2 / d1 * phi1 - M2 * L1 * Lc2 * (dtheta1 * dtheta1) * sin2 - phi2) / (M2 * (Lc2 * Lc2) + I2 - d2 * d2 / d1);
        double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
        ds[0] = dtheta1;
        ds[1] = dtheta2;
        ds[2] = ddtheta1;
        ds[3] = ddtheta2;
    }

    /// <summary>Gymnasium's <c>wrap</c>: shifts <paramref name="x"/> by whole periods <c>max − min</c> into [min, max].</summary>
    public static double Wrap(double x, double min, double max)
    {
        double diff = max - min;
        while (x > max) x -= diff;
        while (x < min) x += diff;
        return x;
    }

    /// <summary>Gymnasium's <c>bound</c>: <c>min(max(x, min), max)</c>.</summary>
    public static double Bound(double x, double min, double max) => Math.Min(Math.Max(x, min), max);

    private float[] Observe()
    {
        var (sin1, cos1) = Math.SinCos(_state[0]);
        var (sin2, cos2) = Math.SinCos(_state[1]);
        _observation[0] = (float)cos1;
        _observation[1] = (float)sin1;
        _observation[2] = (float)cos2;
        _observation[3] = (float)sin2;
        _observation[4] = (float)_state[2];
        _observation[5] = (float)_state[3];
        return _observation;
    }
}
