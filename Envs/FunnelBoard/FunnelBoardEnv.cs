using RlFramework.Envs.Physics;
using RlFramework.Envs.Simulators;

namespace RlFramework.Envs.FunnelBoard;

/// <summary>
/// Funnel Board (Neitz et al., "Adaptive Skip Intervals", 2018): a blue ball falls under gravity through a random
/// board of tilted sliders and curved funnels onto one of five platforms; the label is that platform (0–4, left to
/// right). Frames are 126 high × 75 wide RGB, one every 3 physics steps (dt 1/30), each carrying a trace of the
/// previous frame (red where the picture got brighter, green-less where it got darker). Courses whose ball leaves the
/// arena, gets stuck, or needs more than 750 steps are resampled. With <c>low_bounce</c>
/// (<c>FunnelBoardLowBounce-v0</c>) the ball's restitution is 0.05 and every funnel's 0.02: the perturbed dynamics.
/// </summary>
public sealed partial class FunnelBoardEnv : ClipEnv
{
    /// <summary>Frame height in pixels.</summary>
    public const int FrameHeight = 126;

    /// <summary>Frame width in pixels.</summary>
    public const int FrameWidth = 75;

    /// <summary>Physics steps per frame.</summary>
    public const int FrameSkip = 3;

    /// <summary>Steps the ball may take to reach the bottom before the course is resampled.</summary>
    public const int StepLimit = 750;

    /// <summary>The physics time step.</summary>
    public const double Dt = 1.0 / 30;

    private const double Density = 1.0, BallFriction = 0.5;
    private readonly List<Vec2> _ball = [];
    private FunnelCourse? _course;

    /// <summary>Creates the env; <paramref name="lowBounce"/> selects the perturbed dynamics.</summary>
    public FunnelBoardEnv(bool lowBounce = false, string? renderMode = null) : base(FrameHeight, FrameWidth, renderMode)
    {
        LowBounce = lowBounce;
    }

    /// <summary>Builds the env from registry arguments (<c>low_bounce</c>, default false).</summary>
    public static FunnelBoardEnv FromKwargs(EnvKwargs kwargs)
    {
        ArgumentNullException.ThrowIfNull(kwargs);
        return new(kwargs.Get("low_bounce", false), kwargs.RenderMode);
    }

    /// <summary>Registers <c>FunnelBoard-v0</c> and <c>FunnelBoardLowBounce-v0</c>.</summary>
    public static void Register()
    {
        Gym.Register("FunnelBoard-v0", FromKwargs,
            description: "Funnel Board (ASI): 126×75 RGB clip of a ball falling through sliders and funnels; label = platform 0-4.");
        Gym.Register("FunnelBoardLowBounce-v0", FromKwargs, kwargs: new Dictionary<string, object?> { ["low_bounce"] = true },
            description: "Funnel Board with perturbed dynamics: ball restitution 0.05, funnels 0.02.");
    }

    /// <summary>True for the perturbed (low-bounciness) variant.</summary>
    public bool LowBounce { get; }

    /// <summary>The ball's centre in each frame of the current clip (world units, y up).</summary>
    public IReadOnlyList<Vec2> Positions => _ball;

    /// <summary>The current course (null before Reset).</summary>
    internal FunnelCourse? Course => _course;

    /// <inheritdoc/>
    protected override (int FrameCount, int Label)? TrySimulate()
    {
        var course = FunnelCourse.Sample(NpRandom, LowBounce);
        if (Run(course) is not { } label) return null;
        _course = course;
        _grayFrame = -1; // the trace starts again with the new clip
        return (_ball.Count, label);
    }

    /// <summary>Simulates the drop; the landing platform, or null when the course must be resampled.</summary>
    private int? Run(FunnelCourse course)
    {
        var world = new PhysicsWorld(new Vec2(0, -10), minSubsteps: 4);
        foreach (var obstacle in course.Obstacles) world.Add(obstacle);
        var ball = RigidBody.Circle(FunnelCourse.BallRadius, Density, new Material(BallFriction, LowBounce ? 0.05 : 0.2));
        ball.Position = course.BallStart;
        ball.Velocity = new Vec2(0, -0.001);

        const double bottom = -FunnelCourse.HalfHeight;
        int steps = 0, frames = int.MaxValue;
        double crossing = double.NaN;
        _ball.Clear();
        while (true)
        {
            _ball.Add(ball.Position);
            for (int k = 0; k < FrameSkip; k++)
            {
                var last = ball.Position;
                if (double.IsNaN(crossing) && steps >= StepLimit) return null;
                world.Step(ball, Dt);
                steps++;
                if (double.IsNaN(crossing) && ball.Position.Y <= bottom)
                {
                    double share = (last.Y - bottom) / (last.Y - ball.Position.Y);
                    crossing = last.X + share * (ball.Position.X - last.X);
                    if (Math.Abs(crossing) > FunnelCourse.HalfWidth) return null;
                    frames = (steps + FrameSkip - 1) / FrameSkip + 1;
                }
            }
            // As the original generator: frame f shows step 3f; 3 more steps follow the last frame.
            if (ball.Position.Y < 1.2 * bottom - FunnelCourse.BallRadius || _ball.Count == frames) break;
        }
        bool stuck = ball.Position.Y > bottom + FunnelCourse.BallRadius + 1.5 * FunnelCourse.PlatformHeight;
        return stuck ? null : course.PlatformAt(crossing);
    }
}
