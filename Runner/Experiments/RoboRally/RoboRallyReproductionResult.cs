using RlFramework.Envs.RoboRally;

namespace RlFramework.Runner.Experiments.RoboRally;

/// <summary>The outcome of <see cref="RoboRallyReproduction.Run"/>.</summary>
/// <param name="Map">The map.</param>
/// <param name="Stats">The exact enumeration of the map's programs (the oracle).</param>
/// <param name="Schemes">End-to-end first, then decomposed.</param>
/// <param name="WallTime">The whole experiment's wall-clock time.</param>
/// <param name="Threads">The runs done at once.</param>
public sealed record RoboRallyReproductionResult(
    RoboRallyMap Map, RoboRallyProgramStats Stats, IReadOnlyList<RoboRallySchemeSummary> Schemes, TimeSpan WallTime, int Threads);
