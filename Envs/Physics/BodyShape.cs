namespace RlFramework.Envs.Physics;

/// <summary>The shape of a dynamic body.</summary>
public enum BodyShape
{
    /// <summary>A disc that rolls (has an angle and angular velocity).</summary>
    Circle,

    /// <summary>An axis-aligned box with fixed rotation.</summary>
    Box,
}
