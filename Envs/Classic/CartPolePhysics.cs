namespace RlFramework.Envs.Classic;

/// <summary>
/// CartPole's physical constants and reward variant. The defaults are Gymnasium's; the variants of the multi-task
/// family change the pole length, pole mass, cart mass or push force.
/// </summary>
public sealed record CartPolePhysics
{
    /// <summary>Gravity, m/s² (9.8).</summary>
    public double Gravity { get; init; } = 9.8;
    /// <summary>Cart mass, kg (1.0).</summary>
    public double MassCart { get; init; } = 1.0;
    /// <summary>Pole mass, kg (0.1).</summary>
    public double MassPole { get; init; } = 0.1;
    /// <summary>Half the pole's length, m (0.5), as Gymnasium's <c>length</c>.</summary>
    public double Length { get; init; } = 0.5;
    /// <summary>The magnitude of the push, N (10.0).</summary>
    public double ForceMag { get; init; } = 10.0;
    /// <summary>Seconds between state updates (0.02).</summary>
    public double Tau { get; init; } = 0.02;
    /// <summary>"euler" (default) or "semi-implicit" (velocities first, then positions with the new velocities).</summary>
    public string KinematicsIntegrator { get; init; } = "euler";
    /// <summary>Sutton and Barto's reward: 0 per step and −1 on termination, instead of +1 per step.</summary>
    public bool SuttonBartoReward { get; init; }

    /// <summary>Cart plus pole mass.</summary>
    public double TotalMass => MassPole + MassCart;
    /// <summary>Pole mass times half-length.</summary>
    public double PoleMassLength => MassPole * Length;

    /// <summary>Reads the physics from env arguments named as Gymnasium's attributes (gravity, masscart, masspole, length, force_mag, tau, kinematics_integrator, sutton_barto_reward).</summary>
    public static CartPolePhysics FromKwargs(EnvKwargs kwargs)
    {
        ArgumentNullException.ThrowIfNull(kwargs);
        var defaults = new CartPolePhysics();
        var physics = new CartPolePhysics
        {
            Gravity = kwargs.Get("gravity", defaults.Gravity),
            MassCart = kwargs.Get("masscart", defaults.MassCart),
            MassPole = kwargs.Get("masspole", defaults.MassPole),
            Length = kwargs.Get("length", defaults.Length),
            ForceMag = kwargs.Get("force_mag", defaults.ForceMag),
            Tau = kwargs.Get("tau", defaults.Tau),
            KinematicsIntegrator = kwargs.Get("kinematics_integrator", defaults.KinematicsIntegrator),
            SuttonBartoReward = kwargs.Get("sutton_barto_reward", defaults.SuttonBartoReward),
        };
        physics.Validate();
        return physics;
    }

    /// <summary>Throws when a constant is out of its physical range or the integrator is unknown.</summary>
    public void Validate()
    {
        foreach (var (name, value) in new[] { ("masscart", MassCart), ("masspole", MassPole), ("length", Length), ("tau", Tau) })
        {
            if (!(value > 0) || !double.IsFinite(value))
                throw new ArgumentOutOfRangeException(name, value, $"CartPole {name} must be a positive finite number.");
        }

        if (!double.IsFinite(Gravity) || !double.IsFinite(ForceMag) || ForceMag < 0)
            throw new ArgumentException($"CartPole gravity ({Gravity}) must be finite and force_mag ({ForceMag}) finite and non-negative.");
        if (KinematicsIntegrator is not ("euler" or "semi-implicit"))
            throw new ArgumentException($"CartPole kinematics_integrator '{KinematicsIntegrator}' is unknown; expected 'euler' or 'semi-implicit'.");
    }
}
