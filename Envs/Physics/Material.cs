namespace RlFramework.Envs.Physics;

/// <summary>Surface properties of a body or an obstacle.</summary>
/// <param name="Friction">Coulomb friction coefficient (≥ 0).</param>
/// <param name="Restitution">Bounciness in [0, 1]: the share of the normal approach speed returned after an impact.</param>
public readonly record struct Material(double Friction, double Restitution)
{
    /// <summary>The properties of a contact between two surfaces, mixed as Box2D does: friction √(f₁f₂), restitution max(r₁, r₂).</summary>
    public static Material Mix(Material a, Material b) => new(Math.Sqrt(a.Friction * b.Friction), Math.Max(a.Restitution, b.Restitution));

    /// <summary>Throws when a coefficient is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Friction negative or not finite, or restitution outside [0, 1].</exception>
    public void Validate()
    {
        if (!double.IsFinite(Friction) || Friction < 0)
            throw new ArgumentOutOfRangeException(nameof(Friction), Friction, "Expected a finite friction coefficient ≥ 0.");
        if (!(Restitution >= 0 && Restitution <= 1))
            throw new ArgumentOutOfRangeException(nameof(Restitution), Restitution, "Expected a restitution in [0, 1].");
    }
}
