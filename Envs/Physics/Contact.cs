namespace RlFramework.Envs.Physics;

/// <summary>A penetration of the body into an obstacle.</summary>
/// <param name="Normal">Unit normal pointing from the obstacle toward the body: the direction that separates them.</param>
/// <param name="Depth">How far the body must move along <see cref="Normal"/> to stop overlapping (&gt; 0).</param>
/// <param name="Offset">From the body's centre to the contact point on its surface.</param>
internal readonly record struct Contact(Vec2 Normal, double Depth, Vec2 Offset);
