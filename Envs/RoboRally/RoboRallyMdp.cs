namespace RlFramework.Envs.RoboRally;

/// <summary>
/// The explicit transition and reward table of a map: for every state index s (see <see cref="RoboRallyState.Index"/>)
/// and action a, the successor <see cref="Next"/>[s, a] and reward <see cref="Reward"/>[s, a]. Built cell by cell from
/// the rules (move, then belt, then cell reward) independently of <see cref="RoboRallyEnv"/>, it is the oracle the env
/// is tested against and the true MDP the world model is measured against. Wall states are included (never reached).
/// </summary>
public sealed class RoboRallyMdp
{
    /// <summary>The number of actions.</summary>
    public const int ActionCount = 4;

    /// <summary>The number of steps of one programming turn.</summary>
    public const int ProgramLength = 5;

    private readonly int[] _next;
    private readonly double[] _reward;

    /// <summary>Builds the table of <paramref name="map"/>.</summary>
    public RoboRallyMdp(RoboRallyMap map)
    {
        Map = map ?? throw new ArgumentNullException(nameof(map));
        StateCount = map.StateCount;
        StartState = map.Start.Index(map.Width);
        _next = new int[StateCount * ActionCount];
        _reward = new double[StateCount * ActionCount];
        var landing = LandingCells(map);
        for (int s = 0; s < StateCount; s++)
        {
            int cell = s / 4;
            var heading = (Heading)(s % 4);
            var here = map[cell % map.Width, cell / map.Width];
            for (int a = 0; a < ActionCount; a++)
            {
                int i = s * ActionCount + a;
                if (here.IsTerminal())
                {
                    (_next[i], _reward[i]) = (s, here.Reward());
                    continue;
                }
                var (moved, newHeading) = (RoboRallyAction)a switch
                {
                    RoboRallyAction.MoveForward => (Neighbour(map, cell, heading), heading),
                    RoboRallyAction.TurnLeft => (cell, heading.TurnLeft()),
                    RoboRallyAction.TurnRight => (cell, heading.TurnRight()),
                    _ => (cell, heading),
                };
                int final = landing[moved];
                _next[i] = final * 4 + (int)newHeading;
                _reward[i] = map[final % map.Width, final / map.Width].Reward() + (a == (int)RoboRallyAction.Wait ? RoboRallyRewards.Wait : 0);
            }
        }
    }

    /// <summary>The map.</summary>
    public RoboRallyMap Map { get; }

    /// <summary>The number of states (positions × 4 headings).</summary>
    public int StateCount { get; }

    /// <summary>The start state's index.</summary>
    public int StartState { get; }

    /// <summary>The successor of state <paramref name="state"/> under <paramref name="action"/>.</summary>
    public int Next(int state, int action) => _next[Check(state, action)];

    /// <summary>The reward of playing <paramref name="action"/> in <paramref name="state"/>.</summary>
    public double Reward(int state, int action) => _reward[Check(state, action)];

    /// <summary>True for states on a goal or pit cell.</summary>
    public bool IsTerminal(int state) => Map[state / 4 % Map.Width, state / 4 / Map.Width].IsTerminal();

    /// <summary>The return and final state of <paramref name="program"/> (five action indices) from the start.</summary>
    public (double Return, int FinalState) Run(ReadOnlySpan<int> program)
    {
        double total = 0;
        int state = StartState;
        foreach (int action in program)
        {
            total += Reward(state, action);
            state = Next(state, action);
        }
        return (total, state);
    }

    /// <summary>
    /// The states the robot can act in during a turn: reachable from the start within <see cref="ProgramLength"/> − 1 steps.
    /// Only their transitions are ever observed, so the world model's error is measured on them.
    /// </summary>
    public IReadOnlyList<int> ActingStates() => ReachableWithin(ProgramLength - 1);

    /// <summary>The states reachable from the start within <paramref name="steps"/> steps (the start included), in index order.</summary>
    public IReadOnlyList<int> ReachableWithin(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var seen = new SortedSet<int> { StartState };
        var frontier = new List<int> { StartState };
        for (int t = 0; t < steps; t++)
        {
            var next = new List<int>();
            foreach (int s in frontier)
            {
                for (int a = 0; a < ActionCount; a++)
                    if (seen.Add(Next(s, a))) next.Add(Next(s, a));
            }

            frontier = next;
        }
        return [.. seen];
    }

    private int Check(int state, int action)
    {
        if ((uint)state >= (uint)StateCount) throw new ArgumentOutOfRangeException(nameof(state), state, $"Expected a state index in [0, {StateCount}).");
        if ((uint)action >= ActionCount) throw new ArgumentOutOfRangeException(nameof(action), action, $"Expected an action index in [0, {ActionCount}).");
        return state * ActionCount + action;
    }

    /// <summary>For each cell, where a robot that moved onto it ends the step: the belt's target when it is a belt that can push, else the cell itself.</summary>
    private static int[] LandingCells(RoboRallyMap map)
    {
        var landing = new int[map.Width * map.Height];
        for (int cell = 0; cell < landing.Length; cell++)
        {
            var direction = map[cell % map.Width, cell / map.Width].BeltDirection();
            landing[cell] = direction is { } d ? Neighbour(map, cell, d) : cell;
        }
        return landing;
    }

    /// <summary>The cell one step from <paramref name="cell"/> toward <paramref name="direction"/>, or the cell itself when that is a wall or off the board.</summary>
    private static int Neighbour(RoboRallyMap map, int cell, Heading direction)
    {
        var (dx, dy) = direction.Offset();
        int x = cell % map.Width + dx, y = cell / map.Width + dy;
        return map.InBounds(x, y) && map[x, y] != RoboRallyCell.Wall ? y * map.Width + x : cell;
    }
}
