using RlFramework.Envs.Physics;
using RlFramework.Envs.Seeding;

namespace RlFramework.Envs.FunnelBoard;

/// <summary>
/// A procedurally generated Funnel Board course: seven rows of slots 2.5 apart; tilted sliders in rows 1–6, funnels
/// with curved walls in rows 0–5 (row 0 always), five platforms under the row-0 funnels, and a ball dropped from one of
/// four start positions at the top.
/// </summary>
internal sealed class FunnelCourse
{
    public const double HalfWidth = 6.25, HalfHeight = 10.5, BallRadius = 0.25;
    public const double SlotSpacing = 2.5, RowSpacing = 3.0, SliderThickness = 0.2;
    public const double PlatformWidth = 2.1, PlatformHeight = 0.2;
    public const int Rows = 7, Columns = 4, WallPoints = 16;
    private static readonly Material SliderMaterial = new(0.5, 0.1), PlatformMaterial = new(1.0, 0.0);

    private FunnelCourse(Vec2 ballStart) => BallStart = ballStart;

    public Vec2 BallStart { get; }

    /// <summary>Every static obstacle: sliders, funnel walls (one polygon per wall segment), platforms.</summary>
    public List<StaticShape> Obstacles { get; } = [];

    /// <summary>Outlines to draw: sliders, whole funnel walls, platforms.</summary>
    public List<Vec2[]> Outlines { get; } = [];

    /// <summary>The x positions of the five platforms (the row-0 funnels).</summary>
    public List<double> PlatformXs { get; } = [];

    /// <summary>Samples a course; <paramref name="lowBounce"/> makes every funnel as dull as the least bouncy one (perturbed dynamics).</summary>
    public static FunnelCourse Sample(RandomGenerator rng, bool lowBounce)
    {
        const double minFunnelRestitution = 0.02;
        double maxFunnelRestitution = lowBounce ? minFunnelRestitution : 0.6;
        double ballX = (0.5 + rng.Integers(Columns) - (Columns - 1) / 2.0) * SlotSpacing;
        var course = new FunnelCourse(new Vec2(ballX, HalfHeight - 4 * BallRadius));
        for (int i = 0; i < Rows; i++)
        {
            int slots = Columns + (i + 1) % 2;
            for (int j = 0; j < slots; j++)
            {
                double slotX = ((i % 2) / 2.0 + j - 0.5 - (Columns - 1) / 2.0) * SlotSpacing;
                if (i > 0)
                {
                    double length = rng.Uniform(0.6, 0.8) * (SlotSpacing - 2 * BallRadius);
                    double y = (i - 1 - (Rows - 2) / 2.0) * RowSpacing;
                    double tilt = rng.Uniform(Math.PI / 24, Math.PI / 5);
                    double angle = (rng.Integers(2) == 0 ? -1 : 1) * tilt;
                    if (slots == Columns + 1 && j == 0) angle = -tilt;
                    if (slots == Columns + 1 && j == Columns) angle = tilt;
                    course.Add(StaticShape.Box(new Vec2(slotX, y), length / 2, SliderThickness / 2, angle, SliderMaterial));
                }
                bool funnel = rng.Uniform(0, 1) < 0.7 || i == 0;
                if (i < Rows - 1 && funnel)
                {
                    double x = slotX + rng.Uniform(-SlotSpacing / 32, SlotSpacing / 32);
                    double y = (i - 0.5 - (Rows - 2) / 2.0) * RowSpacing + rng.Uniform(-RowSpacing / 16, 3 * RowSpacing / 16);
                    double restitution = rng.Uniform(0, 1) < 0.5 ? minFunnelRestitution : maxFunnelRestitution;
                    double gap = rng.Uniform(2.09, 2.2) * BallRadius;
                    double height = rng.Uniform(1.4, 1.52);
                    double thickness = rng.Uniform(0.15, 0.3);
                    course.AddFunnel(new Vec2(x, y), 1.1 * SlotSpacing, height, thickness, gap, new Material(0.5, restitution));
                    if (i == 0) course.PlatformXs.Add(x);
                }
            }
        }
        foreach (double x in course.PlatformXs)
            course.Add(StaticShape.Box(new Vec2(x, -HalfHeight - BallRadius - 0.01 - PlatformHeight / 2), PlatformWidth / 2, PlatformHeight / 2, 0, PlatformMaterial));
        return course;
    }

    /// <summary>The platform nearest to <paramref name="x"/>.</summary>
    public int PlatformAt(double x)
    {
        int best = 0;
        for (int k = 1; k < PlatformXs.Count; k++)
            if (Math.Abs(x - PlatformXs[k]) < Math.Abs(x - PlatformXs[best])) best = k;
        return best;
    }

    private void Add(StaticShape shape)
    {
        Obstacles.Add(shape);
        Outlines.Add(shape.Vertices.ToArray());
    }

    /// <summary>
    /// Two mirrored walls whose centre line is arcsine-shaped (x linear in α ∈ [−π/2, π/2], y = h·asin(asin(2α/π)·2/π)/π),
    /// of horizontal thickness <paramref name="thickness"/>, leaving an exit gap <paramref name="gap"/> at the bottom.
    /// </summary>
    private void AddFunnel(Vec2 centre, double width, double height, double thickness, double gap, Material material)
    {
        double amplitude = 0.5 * (width - 2 * thickness - gap);
        double displacement = 0.5 * (thickness + gap + amplitude);
        var xs = new double[WallPoints];
        var ys = new double[WallPoints];
        for (int k = 0; k < WallPoints; k++)
        {
            double alpha = -Math.PI / 2 + Math.PI * k / (WallPoints - 1);
            xs[k] = amplitude * alpha / Math.PI + displacement;
            ys[k] = height * Math.Asin(Math.Asin(alpha / (Math.PI / 2)) / (Math.PI / 2)) / Math.PI;
        }
        foreach (int side in (int[])[-1, 1])
        {
            Vec2 Point(int k, double offset) => new(centre.X + side * xs[k] + offset, centre.Y + ys[k]);
            var outline = new Vec2[2 * WallPoints];
            for (int k = 0; k < WallPoints; k++)
            {
                outline[k] = Point(k, -thickness / 2);
                outline[2 * WallPoints - 1 - k] = Point(k, thickness / 2);
            }
            Outlines.Add(outline);
            for (int k = 0; k < WallPoints - 1; k++)
                Obstacles.Add(StaticShape.Polygon([Point(k, -thickness / 2), Point(k + 1, -thickness / 2), Point(k + 1, thickness / 2), Point(k, thickness / 2)], material));
        }
    }
}
