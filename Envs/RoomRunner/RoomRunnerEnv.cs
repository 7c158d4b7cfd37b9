using RlFramework.Envs.Physics;
using RlFramework.Envs.Simulators;

namespace RlFramework.Envs.RoomRunner;

/// <summary>
/// Room Runner (Neitz et al., "Adaptive Skip Intervals", 2018): a green runner crosses a procedurally generated building
/// from room to room until it reaches the final room; one dead-end room is red and one blue. The label says whether
/// the runner ends in the blue room (1) or the red one (0), decidable from the first frame. Frames are 64 × 64 RGB,
/// one every 3 physics steps; the clip ends 6 steps after the runner enters the final room. Buildings the runner does
/// not solve within 300 steps are resampled. With <c>always_direct</c> (<c>RoomRunnerDirect-v0</c>) the runner never
/// explores: the perturbed dynamics.
/// </summary>
public sealed partial class RoomRunnerEnv : ClipEnv
{
    /// <summary>Frame height and width in pixels.</summary>
    public const int FrameSize = 64;

    /// <summary>Physics steps per frame.</summary>
    public const int FrameSkip = 3;

    /// <summary>Steps the runner may take to reach the final room before the building is resampled.</summary>
    public const int StepLimit = 300;

    /// <summary>Physics steps shown after the runner enters the final room.</summary>
    public const int ExtraSteps = 6;

    private readonly List<Vec2> _positions = [];
    private RoomRunnerBuilding? _building;

    /// <summary>Creates the env; <paramref name="alwaysDirect"/> selects the perturbed dynamics.</summary>
    public RoomRunnerEnv(bool alwaysDirect = false, string? renderMode = null) : base(FrameSize, FrameSize, renderMode)
    {
        AlwaysDirect = alwaysDirect;
    }

    /// <summary>Builds the env from registry arguments (<c>always_direct</c>, default false).</summary>
    public static RoomRunnerEnv FromKwargs(EnvKwargs kwargs)
    {
        ArgumentNullException.ThrowIfNull(kwargs);
        return new(kwargs.Get("always_direct", false), kwargs.RenderMode);
    }

    /// <summary>Registers <c>RoomRunner-v0</c> and <c>RoomRunnerDirect-v0</c>.</summary>
    public static void Register()
    {
        Gym.Register("RoomRunner-v0", FromKwargs,
            description: "Room Runner (ASI): 64×64 RGB clip of a runner crossing a building; label 1 if it ends in the blue room.");
        Gym.Register("RoomRunnerDirect-v0", FromKwargs, kwargs: new Dictionary<string, object?> { ["always_direct"] = true },
            description: "Room Runner with perturbed dynamics: the runner always runs directly (never explores).");
    }

    /// <summary>True when the runner always runs directly (the perturbed variant).</summary>
    public bool AlwaysDirect { get; }

    /// <summary>The runner's centre in each frame of the current clip (world units, y up).</summary>
    public IReadOnlyList<Vec2> Positions => _positions;

    /// <summary>The current building (null before Reset).</summary>
    internal RoomRunnerBuilding? Building => _building;

    /// <inheritdoc/>
    protected override (int FrameCount, int Label)? TrySimulate()
    {
        var building = RoomRunnerBuilding.Sample(NpRandom);
        if (building is null || !Run(building)) return null;
        _building = building;
        return (_positions.Count, building.Label);
    }

    private bool Run(RoomRunnerBuilding building)
    {
        var simulation = new RoomRunnerSimulation(building, AlwaysDirect ? 1.0 : 0.5, NpRandom);
        _positions.Clear();
        _positions.Add(simulation.Agent.Position);
        int steps = 0;
        void Advance()
        {
            simulation.Step();
            if (++steps % FrameSkip == 0) _positions.Add(simulation.Agent.Position);
        }

        while (simulation.CurrentRoom != building.FinalRoom)
        {
            if (steps >= StepLimit) return false;
            Advance();
        }
        int frames = (steps + ExtraSteps + FrameSkip - 1) / FrameSkip + 1;
        while (_positions.Count < frames) Advance();
        return true;
    }
}
