namespace RlFramework.Envs.Physics;

/// <summary>
/// A small deterministic 2-D rigid-body step: one dynamic <see cref="RigidBody"/> (a rolling disc or a fixed-rotation
/// box) against static convex polygons and segments, with gravity, Coulomb friction and restitution (mixed as Box2D
/// does). Each <see cref="Step"/> is split into sub-steps short enough that the body moves at most
/// <see cref="MaxTravel"/> of its smallest half-extent per sub-step, so it always meets a thin obstacle before its
/// centre can pass it: nothing tunnels. Each sub-step integrates semi-implicitly (velocity, then position), pushes the
/// body out of every obstacle it overlaps, and applies normal and friction impulses at each contact where it
/// approaches; an impulse never adds kinetic energy.
/// </summary>
public sealed class PhysicsWorld
{
    /// <summary>The most a body moves per sub-step, as a share of its smallest half-extent.</summary>
    public const double MaxTravel = 0.5;

    private const int MaxSubsteps = 4096;
    private const int Passes = 2;
    private const double CellSize = 1.0;
    private readonly List<StaticShape> _statics = [];
    private readonly List<StaticShape> _touching = [];
    private readonly List<int> _candidates = [];
    private int[] _seen = [];
    private int _query;

    // Broad phase: a uniform grid of CellSize cells over the obstacles' bounds, in compressed rows (_cellStart[c] ..
    // _cellStart[c + 1] index _cellItems); rebuilt after an Add.
    private int[]? _cellStart;
    private int[] _cellItems = [];
    private Vec2 _gridMin;
    private int _columns, _rows;

    /// <summary>Creates an empty world.</summary>
    /// <param name="gravity">Acceleration applied to the body every step.</param>
    /// <param name="minSubsteps">The least number of sub-steps per step (more are taken when the body is fast).</param>
    /// <param name="restitutionThreshold">Impacts slower than this (normal speed) do not bounce (Box2D's velocity threshold, 1).</param>
    public PhysicsWorld(Vec2 gravity, int minSubsteps = 4, double restitutionThreshold = 1.0)
    {
        if (!double.IsFinite(gravity.X) || !double.IsFinite(gravity.Y)) throw new ArgumentException($"Expected a finite gravity; got {gravity}.", nameof(gravity));
        ArgumentOutOfRangeException.ThrowIfLessThan(minSubsteps, 1);
        if (!(restitutionThreshold >= 0)) throw new ArgumentOutOfRangeException(nameof(restitutionThreshold), restitutionThreshold, "Expected a threshold ≥ 0.");
        Gravity = gravity;
        MinSubsteps = minSubsteps;
        RestitutionThreshold = restitutionThreshold;
    }

    /// <summary>Gravity.</summary>
    public Vec2 Gravity { get; }

    /// <summary>The least number of sub-steps per step.</summary>
    public int MinSubsteps { get; }

    /// <summary>Normal impact speed below which contacts do not bounce.</summary>
    public double RestitutionThreshold { get; }

    /// <summary>The static obstacles.</summary>
    public IReadOnlyList<StaticShape> Statics => _statics;

    /// <summary>Adds a static obstacle.</summary>
    public void Add(StaticShape shape)
    {
        _statics.Add(shape ?? throw new ArgumentNullException(nameof(shape)));
        _cellStart = null;
    }

    /// <summary>
    /// Advances <paramref name="body"/> by <paramref name="dt"/> under gravity and a constant <paramref name="force"/>
    /// (applied at the centre for the whole step, as Box2D's ApplyForceToCenter before a world step).
    /// </summary>
    /// <returns>The number of sub-steps taken.</returns>
    public int Step(RigidBody body, double dt, Vec2 force = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!(dt > 0) || !double.IsFinite(dt)) throw new ArgumentOutOfRangeException(nameof(dt), dt, "Expected a positive finite time step.");
        var acceleration = Gravity + (1 / body.Mass) * force;
        double travel = (body.Velocity.Length + acceleration.Length * dt) * dt;
        double limit = MaxTravel * body.MinHalfExtent;
        int substeps = (int)Math.Min(MaxSubsteps, Math.Max(MinSubsteps, Math.Ceiling(travel / limit)));
        double h = dt / substeps;
        for (int k = 0; k < substeps; k++)
        {
            body.Velocity += h * acceleration;
            body.Position += h * body.Velocity;
            if (body.Shape == BodyShape.Circle) body.Angle += h * body.AngularVelocity;
            ResolveContacts(body);
        }
        return substeps;
    }

    private void ResolveContacts(RigidBody body)
    {
        _touching.Clear();
        FindCandidates(body.Position - body.HalfExtents, body.Position + body.HalfExtents);
        foreach (int index in _candidates)
        {
            if (Collision.Test(body, _statics[index], out _)) _touching.Add(_statics[index]);
        }
        for (int pass = 0; pass < Passes && _touching.Count > 0; pass++)
        {
            foreach (var shape in _touching)
            {
                if (!Collision.Test(body, shape, out var contact)) continue;
                body.Position += contact.Depth * contact.Normal;
                ApplyImpulses(body, contact, Material.Mix(body.Material, shape.Material));
            }
        }
    }

    /// <summary>The indices, ascending (the order obstacles were added), of the obstacles in grid cells the box touches.</summary>
    private void FindCandidates(Vec2 min, Vec2 max)
    {
        _candidates.Clear();
        if (_statics.Count == 0) return;
        if (_cellStart is null) BuildGrid();
        int x0 = Cell(min.X - _gridMin.X, _columns), x1 = Cell(max.X - _gridMin.X, _columns);
        int y0 = Cell(min.Y - _gridMin.Y, _rows), y1 = Cell(max.Y - _gridMin.Y, _rows);
        _query++;
        for (int y = y0; y <= y1; y++)
        {
            for (int x = x0; x <= x1; x++)
            {
                int cell = y * _columns + x;
                for (int k = _cellStart![cell]; k < _cellStart[cell + 1]; k++)
                {
                    int index = _cellItems[k];
                    if (_seen[index] == _query) continue;
                    _seen[index] = _query;
                    _candidates.Add(index);
                }
            }
        }
        _candidates.Sort();
    }

    private static int Cell(double offset, int count) => (int)Math.Clamp(Math.Floor(offset / CellSize), 0, count - 1);

    private void BuildGrid()
    {
        var min = new Vec2(_statics.Min(s => s.Min.X), _statics.Min(s => s.Min.Y));
        var max = new Vec2(_statics.Max(s => s.Max.X), _statics.Max(s => s.Max.Y));
        _gridMin = min;
        _columns = Math.Max(1, (int)Math.Ceiling((max.X - min.X) / CellSize));
        _rows = Math.Max(1, (int)Math.Ceiling((max.Y - min.Y) / CellSize));
        var counts = new int[_columns * _rows + 1];
        void ForEachCell(StaticShape shape, Action<int> visit)
        {
            for (int y = Cell(shape.Min.Y - min.Y, _rows); y <= Cell(shape.Max.Y - min.Y, _rows); y++)
                for (int x = Cell(shape.Min.X - min.X, _columns); x <= Cell(shape.Max.X - min.X, _columns); x++) visit(y * _columns + x);
        }
        foreach (var shape in _statics) ForEachCell(shape, cell => counts[cell + 1]++);
        for (int c = 0; c < _columns * _rows; c++) counts[c + 1] += counts[c];
        var items = new int[counts[^1]];
        var fill = (int[])counts.Clone();
        for (int i = 0; i < _statics.Count; i++) ForEachCell(_statics[i], cell => items[fill[cell]++] = i);
        (_cellStart, _cellItems, _seen, _query) = (counts, items, new int[_statics.Count], 0);
    }

    private void ApplyImpulses(RigidBody body, in Contact contact, Material material)
    {
        bool rotates = body.Shape == BodyShape.Circle;
        var n = contact.Normal;
        var r = contact.Offset;
        var pointVelocity = rotates ? body.Velocity + body.AngularVelocity * r.Perp : body.Velocity;
        double vn = Vec2.Dot(pointVelocity, n);
        if (vn >= 0) return;
        double restitution = -vn > RestitutionThreshold ? material.Restitution : 0;
        double normalImpulse = -(1 + restitution) * vn * body.Mass; // the normal passes through the centre: no turning
        body.Velocity += (normalImpulse / body.Mass) * n;

        var t = n.Perp;
        pointVelocity = rotates ? body.Velocity + body.AngularVelocity * r.Perp : body.Velocity;
        double vt = Vec2.Dot(pointVelocity, t);
        double rCrossT = Vec2.Cross(r, t);
        double tangentMass = 1 / body.Mass + (rotates ? rCrossT * rCrossT / body.Inertia : 0);
        double limit = material.Friction * normalImpulse;
        double frictionImpulse = Math.Clamp(-vt / tangentMass, -limit, limit);
        body.Velocity += (frictionImpulse / body.Mass) * t;
        if (rotates) body.AngularVelocity += rCrossT * frictionImpulse / body.Inertia;
    }
}
