namespace RlFramework.Envs.Seeding;

/// <summary>A snapshot of a <see cref="Pcg64"/> generator, enough to resume its stream exactly.</summary>
/// <param name="State">The 128-bit LCG state.</param>
/// <param name="Increment">The 128-bit odd increment.</param>
/// <param name="HasUInt32">Whether a buffered 32-bit half is pending.</param>
/// <param name="BufferedUInt32">The pending 32-bit half.</param>
public readonly record struct Pcg64State(UInt128 State, UInt128 Increment, bool HasUInt32, uint BufferedUInt32);
