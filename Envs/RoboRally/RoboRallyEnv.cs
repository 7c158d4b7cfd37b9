using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.RoboRally;

/// <summary>
/// One RoboRally programming turn (Glasmachers 2017, section 4.3): a robot plays five cards
/// (<see cref="RoboRallyAction"/>: 0 move forward, 1 turn left, 2 turn right, 3 wait) on a <see cref="RoboRallyMap"/>.
/// Each step: if the robot is on a goal or pit it stays and collects that cell's reward again (+10 / −10); otherwise it
/// turns or moves (into a wall or off the board: no move), then a conveyor belt under it carries it one cell (not into a
/// wall or off the board), then it collects the reward of its cell (goal +10, pit −10, laser −1) plus −1 for waiting.
/// Every episode is exactly five steps: the fifth step returns truncated = true (terminated is never set, because the
/// robot keeps collecting rewards on the goal or in the pit). Deterministic; Reset's seed only seeds <see cref="Env{TObs, TAct}.NpRandom"/>.
/// Info carries "state" (the one-hot index) and "step" (cards played).
/// </summary>
public sealed partial class RoboRallyEnv : Env<float[], int>, ISnapshotEnv
{
    private static readonly EnvMetadata RoboRallyMetadata = new([Envs.RenderMode.Ansi, Envs.RenderMode.RgbArray], RenderFps: 2);

    private readonly float[] _observation;
    private RoboRallyState _state;
    private int _step = -1;

    /// <summary>Creates the env on <paramref name="map"/>.</summary>
    public RoboRallyEnv(RoboRallyMap map, RoboRallyObservation observation = RoboRallyObservation.OneHot, string? renderMode = null)
        : base(RoboRallyMetadata, renderMode)
    {
        Map = map ?? throw new ArgumentNullException(nameof(map));
        Observation = observation;
        ObservationSpace = observation switch
        {
            RoboRallyObservation.OneHot => new Box<float>(0f, 1f, map.StateCount),
            RoboRallyObservation.Structured => new Box<float>([0f, 0f, 0f], [map.Width - 1, map.Height - 1, 3f]),
            _ => throw new ArgumentOutOfRangeException(nameof(observation), observation, "Expected OneHot or Structured."),
        };
        _observation = new float[ObservationSpace.Size];
    }

    /// <summary>
    /// Builds the env from registry arguments: <c>map</c> (a <see cref="RoboRallyMap"/>, a bundled map's name or a map
    /// file's path; default "default") and <c>observation</c> ("one_hot" or "structured").
    /// </summary>
    public static RoboRallyEnv FromKwargs(EnvKwargs kwargs)
    {
        ArgumentNullException.ThrowIfNull(kwargs);
        var map = kwargs.Get<object>("map", RoboRallyMaps.DefaultName) switch
        {
            RoboRallyMap m => m,
            string nameOrPath => RoboRallyMaps.Resolve(nameOrPath),
            var other => throw new ArgumentException($"Env argument 'map' = '{other}' ({other.GetType().Name}) is not a RoboRallyMap, a bundled map name or a map file path."),
        };
        string observation = kwargs.Get("observation", "one_hot");
        return new RoboRallyEnv(map, observation switch
        {
            "one_hot" => RoboRallyObservation.OneHot,
            "structured" => RoboRallyObservation.Structured,
            _ => throw new ArgumentException($"Env argument 'observation' = '{observation}' is not 'one_hot' or 'structured'."),
        }, kwargs.RenderMode);
    }

    /// <summary>The board.</summary>
    public RoboRallyMap Map { get; }

    /// <summary>The observation kind.</summary>
    public RoboRallyObservation Observation { get; }

    /// <inheritdoc/>
    public override Box<float> ObservationSpace { get; }

    /// <inheritdoc/>
    public override Discrete ActionSpace { get; } = new(RoboRallyMdp.ActionCount);

    /// <summary>The robot's current state.</summary>
    /// <exception cref="InvalidOperationException">Before the first Reset.</exception>
    public RoboRallyState State => _step >= 0 ? _state : throw new InvalidOperationException($"{Name}: call Reset first.");

    /// <summary>Cards played in this episode (0 to 5).</summary>
    public int StepCount => Math.Max(_step, 0);

    /// <summary>Puts the robot on the map's start; option "state" (a <see cref="RoboRallyState"/>) starts elsewhere instead.</summary>
    protected override ResetResult<float[]> OnReset(IReadOnlyDictionary<string, object?>? options)
    {
        var start = Map.Start;
        if (options is not null && options.TryGetValue("state", out var requested) && requested is not null)
        {
            start = requested as RoboRallyState? ?? throw new ArgumentException($"Reset option 'state' = '{requested}' is not a RoboRallyState.", nameof(options));
            if (!Map.InBounds(start.X, start.Y) || Map[start.X, start.Y] == RoboRallyCell.Wall || !Enum.IsDefined(start.Heading))
                throw new ArgumentException($"Reset option 'state' {start} is off the board or on a wall.", nameof(options));
        }
        _state = start;
        _step = 0;
        return new(Observe(), Describe());
    }

    /// <inheritdoc/>
    protected override StepResult<float[]> OnStep(int action)
    {
        if (_step < 0) throw new InvalidOperationException($"{Name}: call Reset before Step.");
        if (_step >= RoboRallyMdp.ProgramLength) throw new InvalidOperationException($"{Name}: the turn is over after {RoboRallyMdp.ProgramLength} cards; call Reset.");
        var (state, reward) = Transition(_state, (RoboRallyAction)action);
        _state = state;
        _step++;
        return new(Observe(), reward, false, _step == RoboRallyMdp.ProgramLength, Describe());
    }

    private (RoboRallyState State, double Reward) Transition(RoboRallyState state, RoboRallyAction action)
    {
        var here = Map[state.X, state.Y];
        if (here.IsTerminal()) return (state, here.Reward());
        state = action switch
        {
            RoboRallyAction.MoveForward => MoveIfFree(state, state.Heading),
            RoboRallyAction.TurnLeft => state with { Heading = state.Heading.TurnLeft() },
            RoboRallyAction.TurnRight => state with { Heading = state.Heading.TurnRight() },
            _ => state,
        };
        if (Map[state.X, state.Y].BeltDirection() is { } belt) state = MoveIfFree(state, belt);
        double reward = Map[state.X, state.Y].Reward() + (action == RoboRallyAction.Wait ? RoboRallyRewards.Wait : 0);
        return (state, reward);
    }

    private RoboRallyState MoveIfFree(RoboRallyState state, Heading direction)
    {
        var (dx, dy) = direction.Offset();
        int x = state.X + dx, y = state.Y + dy;
        return Map.InBounds(x, y) && Map[x, y] != RoboRallyCell.Wall ? state with { X = x, Y = y } : state;
    }

    private float[] Observe()
    {
        if (Observation == RoboRallyObservation.Structured)
        {
            (_observation[0], _observation[1], _observation[2]) = (_state.X, _state.Y, (int)_state.Heading);
            return _observation;
        }
        Array.Clear(_observation);
        _observation[_state.Index(Map.Width)] = 1f;
        return _observation;
    }

    /// <inheritdoc/>
    public void SaveState(EnvSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        snapshot.Set("np_random", NpRandom);
        snapshot.Set("step", _step);
        snapshot.Set("x", _state.X);
        snapshot.Set("y", _state.Y);
        snapshot.Set("heading", (long)_state.Heading);
    }

    /// <inheritdoc/>
    /// <exception cref="FormatException">The snapshot's position or step does not fit this env's map.</exception>
    public void LoadState(EnvSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        long step = snapshot.GetLong("step"), x = snapshot.GetLong("x"), y = snapshot.GetLong("y"), heading = snapshot.GetLong("heading");
        if (step is < -1 or > RoboRallyMdp.ProgramLength || !Map.InBounds((int)x, (int)y) || heading is < 0 or > 3)
            throw new FormatException($"{Name}: the snapshot's state (x {x}, y {y}, heading {heading}, step {step}) does not fit the {Map.Width}×{Map.Height} map '{Map.Name}'.");
        snapshot.Restore("np_random", NpRandom);
        _step = (int)step;
        _state = new RoboRallyState((int)x, (int)y, (Heading)heading);
    }

    private Info Describe() => Info.Empty.With("state", _state.Index(Map.Width)).With("step", _step);
}
