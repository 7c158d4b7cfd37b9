using RlFramework.Envs.Seeding;

namespace RlFramework.Envs.RoboRally;

/// <summary>Seeded random boards: one goal, a start, and walls, pits, lasers and belts (random directions) at the given densities.</summary>
public static class RoboRallyMapGenerator
{
    /// <summary>Draws at most this many boards before giving up on a solvable one.</summary>
    public const int MaxAttempts = 1000;

    /// <summary>
    /// A random map, the same for the same arguments. Every cell other than start and goal is independently a wall,
    /// pit, laser or belt with the given probabilities (else empty). Boards are redrawn until some five-card program
    /// reaches the goal with a positive return.
    /// </summary>
    /// <exception cref="ArgumentException">A size below 2 cells in total, or densities outside [0, 1] or summing above 1.</exception>
    /// <exception cref="InvalidOperationException">No solvable board in <see cref="MaxAttempts"/> draws (densities too hostile).</exception>
    public static RoboRallyMap Generate(int width, int height, long seed,
        double wallDensity = 0.15, double pitDensity = 0.1, double laserDensity = 0.1, double beltDensity = 0.15)
    {
        if (width < 1 || height < 1 || width * height < 2)
            throw new ArgumentException($"A random map needs at least 2 cells; got {width}×{height}.", nameof(width));
        double[] densities = [wallDensity, pitDensity, laserDensity, beltDensity];
        if (densities.Any(d => !(d >= 0 && d <= 1)) || densities.Sum() > 1)
            throw new ArgumentException($"Densities (wall {wallDensity}, pit {pitDensity}, laser {laserDensity}, belt {beltDensity}) must each be in [0, 1] and sum to at most 1.");
        var random = RandomGenerator.FromSeed(seed);
        double[] choice = [.. densities, 1 - densities.Sum()];
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var cells = new RoboRallyCell[width * height];
            for (int i = 0; i < cells.Length; i++)
            {
                cells[i] = random.Choice(choice) switch
                {
                    0 => RoboRallyCell.Wall,
                    1 => RoboRallyCell.Pit,
                    2 => RoboRallyCell.Laser,
                    3 => RoboRallyCellExtensions.Belt((Heading)random.Integers(4)),
                    _ => RoboRallyCell.Empty,
                };
            }

            int start = (int)random.Integers(cells.Length);
            int goal = (int)random.Integers(cells.Length - 1);
            if (goal >= start) goal++;
            if (cells[start] is RoboRallyCell.Wall or RoboRallyCell.Pit) cells[start] = RoboRallyCell.Empty;
            cells[goal] = RoboRallyCell.Goal;
            var map = new RoboRallyMap($"random-{width}x{height}-{seed}", width, height, cells,
                new RoboRallyState(start % width, start / width, (Heading)random.Integers(4)));
            if (RoboRallySolver.ValueIteration(new RoboRallyMdp(map))[0][map.Start.Index(width)] > 0) return map;
        }
        throw new InvalidOperationException(
            $"No {width}×{height} map with a reachable goal in {MaxAttempts} draws (seed {seed}); lower the wall and pit densities.");
    }
}
