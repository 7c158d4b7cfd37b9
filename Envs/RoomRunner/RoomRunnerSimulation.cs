using RlFramework.Envs.Physics;
using RlFramework.Envs.Seeding;

namespace RlFramework.Envs.RoomRunner;

/// <summary>
/// The runner's built-in policy and physics in one building: a fixed-rotation box (half-size 0.24, mass 1) without
/// gravity steers toward the door of the room it is in (toward the room centre in a dead end) with a force of
/// ±force per axis plus drag −5·velocity, dt 0.1. On entering a room it redraws its running style: direct (force 10)
/// with probability <c>directProbability</c>, else explore (force 3.5).
/// </summary>
internal sealed class RoomRunnerSimulation
{
    public const double Dt = 0.1;
    public const double BodyHalfSize = 0.24;
    private const double Alpha = 0.45, Beta = 1.0, Gamma = -0.2;
    private const double DirectForce = 10.0, ExploreForce = 3.5, Drag = 5.0;
    private static readonly Material Surface = new(Friction: 0.4, Restitution: 0.3);

    private readonly PhysicsWorld _world = new(Vec2.Zero, minSubsteps: 4);
    private readonly RandomGenerator _rng;
    private readonly double _directProbability;
    private Room? _previousRoom;
    private bool _direct = true;

    public RoomRunnerSimulation(RoomRunnerBuilding building, double directProbability, RandomGenerator rng)
    {
        Building = building;
        _directProbability = directProbability;
        _rng = rng;
        foreach (var wall in building.Walls(Surface)) _world.Add(wall);
        Agent = RigidBody.Box(BodyHalfSize, BodyHalfSize, mass: 1, Surface);
        Agent.Position = new Vec2(building.First.X + 0.5, building.First.Y + 0.5);
    }

    public RoomRunnerBuilding Building { get; }

    public RigidBody Agent { get; }

    /// <summary>The room holding the agent's centre.</summary>
    public Room? CurrentRoom => Building.RoomAt((int)Math.Floor(Agent.Position.X), (int)Math.Floor(Agent.Position.Y));

    /// <summary>One policy decision and one physics step.</summary>
    public void Step()
    {
        var room = CurrentRoom;
        if (room != _previousRoom)
        {
            _direct = _rng.Uniform(0, 1) < _directProbability;
            _previousRoom = room;
        }
        if (room is null) return;
        var delta = Target(room) - Agent.Position;
        double force = _direct ? DirectForce : ExploreForce;
        var push = new Vec2(force * Math.Sign(delta.X), force * Math.Sign(delta.Y)) - Drag * Agent.Velocity;
        _world.Step(Agent, Dt, push);
    }

    private Vec2 Target(Room room)
    {
        if (room.Door is not { } door) return room.Centre;
        var target = new Vec2(door.X + 0.5 + 0.5 * door.Dx, door.Y + 0.5 + 0.5 * door.Dy);
        var pre = target - Agent.Position;
        target += new Vec2(door.Dx * (Gamma + Alpha - Math.Min(2 * Alpha, Math.Abs(pre.Y / Beta))),
            door.Dy * (Gamma + Alpha - Math.Min(2 * Alpha, Math.Abs(pre.X / Beta))));
        double towardCentre = Math.Min(1.0, pre.Length / 2.0);
        return (1 - towardCentre) * target + towardCentre * room.Centre;
    }
}
