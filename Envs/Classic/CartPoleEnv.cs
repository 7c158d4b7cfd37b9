using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Classic;

/// <summary>
/// The cart-pole balancing task, exactly as Gymnasium's <c>classic_control/cartpole.py</c>: a float64 state
/// (x, x_dot, theta, theta_dot), float32 observations, actions 0 (push left) and 1 (push right).
/// The episode terminates when |x| &gt; 2.4 or |theta| &gt; 12°. The observation array is reused by every Reset and
/// Step: copy it to keep it.
/// </summary>
public sealed partial class CartPoleEnv : Env<float[], int>, ISnapshotEnv
{
    /// <summary>The pole angle at which the episode terminates, radians (12°).</summary>
    public const double ThetaThresholdRadians = 12 * 2 * Math.PI / 360;

    /// <summary>The cart position at which the episode terminates, m.</summary>
    public const double XThreshold = 2.4;

    private static readonly EnvMetadata CartPoleMetadata = new([Envs.RenderMode.RgbArray], RenderFps: 50);

    private readonly double[] _state = new double[4];
    private readonly float[] _observation = new float[4];
    private readonly bool _semiImplicit;
    private readonly double _gravity, _massPole, _totalMass, _length, _poleMassLength, _forceMag, _tau;
    private bool _hasState;
    private int? _stepsBeyondTerminated;

    /// <summary>Creates the env with Gymnasium's constants or the given physics.</summary>
    public CartPoleEnv(CartPolePhysics? physics = null, string? renderMode = null) : base(CartPoleMetadata, renderMode)
    {
        Physics = physics ?? new CartPolePhysics();
        Physics.Validate();
        _semiImplicit = Physics.KinematicsIntegrator == "semi-implicit";
        (_gravity, _massPole, _totalMass, _length, _poleMassLength, _forceMag, _tau) =
            (Physics.Gravity, Physics.MassPole, Physics.TotalMass, Physics.Length, Physics.PoleMassLength, Physics.ForceMag, Physics.Tau);
        float high0 = (float)(XThreshold * 2), high2 = (float)(ThetaThresholdRadians * 2);
        ObservationSpace = new Box<float>([-high0, float.NegativeInfinity, -high2, float.NegativeInfinity],
            [high0, float.PositiveInfinity, high2, float.PositiveInfinity]);
    }

    /// <summary>Builds the env from registry arguments (see <see cref="CartPolePhysics.FromKwargs"/>).</summary>
    public static CartPoleEnv FromKwargs(EnvKwargs kwargs) => new(CartPolePhysics.FromKwargs(kwargs), kwargs.RenderMode);

    /// <summary>The physical constants.</summary>
    public CartPolePhysics Physics { get; }

    /// <inheritdoc/>
    public override Box<float> ObservationSpace { get; }

    /// <inheritdoc/>
    public override Discrete ActionSpace { get; } = new(2);

    /// <summary>
    /// The float64 state (x, x_dot, theta, theta_dot), as Gymnasium's <c>env.unwrapped.state</c>. Setting it starts
    /// stepping from that state (and clears the stepped-beyond-termination count, as a fresh state should).
    /// </summary>
    public double[] State
    {
        get => (double[])_state.Clone();
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Length != 4) throw new ArgumentException($"CartPole state has 4 entries (x, x_dot, theta, theta_dot); got {value.Length}.", nameof(value));
            value.CopyTo(_state, 0);
            _hasState = true;
            _stepsBeyondTerminated = null;
        }
    }

    /// <summary>Draws the state uniformly from [low, high] (options "low" and "high", default ±0.05).</summary>
    protected override ResetResult<float[]> OnReset(IReadOnlyDictionary<string, object?>? options)
    {
        var (low, high) = ResetOptions.Bounds(options, -0.05, 0.05);
        NpRandom.Uniform(low, high, _state);
        _hasState = true;
        _stepsBeyondTerminated = null;
        return new(Observe(), Info.Empty);
    }

    /// <inheritdoc/>
    protected override StepResult<float[]> OnStep(int action)
    {
        if (!_hasState) throw new InvalidOperationException($"{Name}: call Reset before Step.");
        Integrate(action == 1 ? _forceMag : -_forceMag);
        double x = _state[0], theta = _state[2];
        bool terminated = x < -XThreshold || x > XThreshold || theta < -ThetaThresholdRadians || theta > ThetaThresholdRadians;
        return new(Observe(), Reward(terminated), terminated, false, Info.Empty);
    }

    private void Integrate(double force)
    {
        double x = _state[0], xDot = _state[1], theta = _state[2], thetaDot = _state[3];
        var (sinTheta, cosTheta) = Math.SinCos(theta); // bit-identical to Math.Sin and Math.Cos, in one call
        double temp = (force + _poleMassLength * (thetaDot * thetaDot) * sinTheta) / _totalMass;
        double thetaAcc = (_gravity * sinTheta - cosTheta * temp) / (_length * (4.0 / 3.0 - _massPole * (cosTheta * cosTheta) / _totalMass));
        double xAcc = temp - _poleMassLength * thetaAcc * cosTheta / _totalMass;
        if (_semiImplicit)
        {
            xDot += _tau * xAcc;
            x += _tau * xDot;
            thetaDot += _tau * thetaAcc;
            theta += _tau * thetaDot;
        }
        else
        {
            x += _tau * xDot;
            xDot += _tau * xAcc;
            theta += _tau * thetaDot;
            thetaDot += _tau * thetaAcc;
        }
        _state[0] = x;
        _state[1] = xDot;
        _state[2] = theta;
        _state[3] = thetaDot;
    }

    private double Reward(bool terminated)
    {
        bool suttonBarto = Physics.SuttonBartoReward;
        if (!terminated) return suttonBarto ? 0.0 : 1.0;
        if (_stepsBeyondTerminated is null)
        {
            _stepsBeyondTerminated = 0;
            return suttonBarto ? -1.0 : 1.0;
        }
        if (_stepsBeyondTerminated == 0)
            EnvLog.Warn($"{Name}: Step was called after the episode terminated. Call Reset once terminated is true; further steps are undefined behaviour.");
        _stepsBeyondTerminated++;
        return suttonBarto ? -1.0 : 0.0;
    }

    private float[] Observe()
    {
        for (int i = 0; i < 4; i++) _observation[i] = (float)_state[i];
        return _observation;
    }

    /// <summary>Saves the state, the random generator and the stepped-beyond-termination count.</summary>
    public void SaveState(EnvSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot.SetOrigin(this);
        snapshot.Set("np_random", NpRandom);
        snapshot.Set("has_state", _hasState);
        for (int i = 0; i < 4; i++) snapshot.Set($"state/{i}", _state[i]);
        snapshot.Set("steps_beyond_terminated", _stepsBeyondTerminated ?? -1);
    }

    /// <inheritdoc/>
    public void LoadState(EnvSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot.CheckOrigin(this);
        snapshot.Restore("np_random", NpRandom);
        _hasState = snapshot.GetBool("has_state");
        for (int i = 0; i < 4; i++) _state[i] = snapshot.GetDouble($"state/{i}");
        long beyond = snapshot.GetLong("steps_beyond_terminated");
        _stepsBeyondTerminated = beyond < 0 ? null : (int)beyond;
    }
}
