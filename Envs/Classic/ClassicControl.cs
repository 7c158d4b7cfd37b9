using RlFramework.Envs.Wrappers;

namespace RlFramework.Envs.Classic;

/// <summary>
/// Registers Gymnasium's classic control: the CartPole family (v0/v1, the POMDP variants and the physics variants),
/// MountainCar, MountainCarContinuous, Acrobot and Pendulum.
/// </summary>
public static class ClassicControl
{
    /// <summary>Registers every classic-control id (called by <see cref="Gym"/> on first use).</summary>
    public static void Register()
    {
        foreach (var (version, steps, threshold) in new[] { (0, 200, 195.0), (1, 500, 475.0) })
        {
            Gym.Register($"CartPole-v{version}", CartPoleEnv.FromKwargs, steps, threshold,
                description: "Balance a pole on a cart (Gymnasium-exact physics).");
            Gym.Register($"FlickeringCartPole-v{version}", Flickering, steps, threshold,
                description: "CartPole whose whole observation is zeroed with probability p (kwarg p, default 0.5).");
            Gym.Register($"CartPoleNoVelocity-v{version}", NoVelocity, steps, threshold,
                description: "CartPole observing only the cart position and pole angle [x, theta].");
        }
        foreach (var (name, kwargs, description) in PhysicsVariants)
            Gym.Register($"{name}-v1", CartPoleEnv.FromKwargs, 500, 475.0, kwargs: kwargs, description: description);
        Gym.Register("MountainCar-v0", MountainCarEnv.FromKwargs, 200, -110.0,
            description: "Drive an underpowered car up the right hill with pushes left, none or right (Gymnasium-exact).");
        Gym.Register("MountainCarContinuous-v0", ContinuousMountainCarEnv.FromKwargs, 999, 90.0,
            description: "Mountain car with a continuous push in [-1, 1], paying for effort (Gymnasium-exact).");
        Gym.Register("Acrobot-v1", AcrobotEnv.FromKwargs, 500, -100.0,
            description: "Swing the free end of a two-link pendulum above the bar with torques -1, 0, +1 (Gymnasium-exact, RK4).");
        Gym.Register("Pendulum-v1", PendulumEnv.FromKwargs, 200, null,
            description: "Swing up and hold an inverted pendulum with a torque in [-2, 2] (kwarg g, default 10.0; Gymnasium-exact).");
    }

    /// <summary>The multi-task family: registered names, physics arguments and descriptions.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyDictionary<string, object?> Kwargs, string Description)> PhysicsVariants { get; } =
    [
        ("CartPoleLongPole", new Dictionary<string, object?> { ["length"] = 1.0 }, "CartPole with a pole twice as long (half-length 1.0 m)."),
        ("CartPoleHeavyPole", new Dictionary<string, object?> { ["masspole"] = 0.5 }, "CartPole with a pole five times as heavy (0.5 kg)."),
        ("CartPoleHeavyCart", new Dictionary<string, object?> { ["masscart"] = 2.0 }, "CartPole with a cart twice as heavy (2.0 kg)."),
        ("CartPoleWeakPush", new Dictionary<string, object?> { ["force_mag"] = 5.0 }, "CartPole with half the push force (5 N)."),
    ];

    private static IEnv<float[], int> Flickering(EnvKwargs kwargs)
    {
        double p = kwargs.Get("p", 0.5);
        return new ObservationFlicker<float, int>(CartPoleEnv.FromKwargs(kwargs), p);
    }

    private static IEnv<float[], int> NoVelocity(EnvKwargs kwargs) =>
        new FilterObservation<float, int>(CartPoleEnv.FromKwargs(kwargs), 0, 2);
}
