using System.Text;

namespace RlFramework.Envs.RoboRally;

/// <summary>Exact answers for a map's five-step turn: enumeration of all programs and finite-horizon value iteration.</summary>
public static class RoboRallySolver
{
    /// <summary>The number of five-card programs, 4^5.</summary>
    public const int ProgramCount = 1024;

    /// <summary>The five action indices of program number <paramref name="program"/> (base-4 digits, first card most significant).</summary>
    public static int[] Program(int program)
    {
        if ((uint)program >= ProgramCount) throw new ArgumentOutOfRangeException(nameof(program), program, $"Expected a program number in [0, {ProgramCount}).");
        var actions = new int[RoboRallyMdp.ProgramLength];
        for (int t = 0; t < actions.Length; t++) actions[t] = (program >> (2 * (actions.Length - 1 - t))) & 3;
        return actions;
    }

    /// <summary>A program as letters: F forward, L turn left, R turn right, W wait (e.g. "RFFFW").</summary>
    public static string Describe(ReadOnlySpan<int> program)
    {
        var text = new StringBuilder(program.Length);
        foreach (int a in program) text.Append("FLRW"[a]);
        return text.ToString();
    }

    /// <summary>Runs every program from the start and collects reachable states, goal and pit endings and the optimal programs.</summary>
    public static RoboRallyProgramStats EnumeratePrograms(RoboRallyMdp mdp)
    {
        ArgumentNullException.ThrowIfNull(mdp);
        var reachable = new SortedSet<int>();
        int goal = 0, pit = 0;
        double best = double.NegativeInfinity;
        var optimal = new List<int[]>();
        for (int p = 0; p < ProgramCount; p++)
        {
            var program = Program(p);
            int state = mdp.StartState;
            double total = 0;
            reachable.Add(state);
            foreach (int a in program)
            {
                total += mdp.Reward(state, a);
                state = mdp.Next(state, a);
                reachable.Add(state);
            }
            var cell = mdp.Map[state / 4 % mdp.Map.Width, state / 4 / mdp.Map.Width];
            if (cell == RoboRallyCell.Goal) goal++;
            if (cell == RoboRallyCell.Pit) pit++;
            if (total > best) (best, optimal) = (total, []);
            if (total == best) optimal.Add(program);
        }
        return new RoboRallyProgramStats(ProgramCount, [.. reachable], goal, pit, best, optimal);
    }

    /// <summary>
    /// Finite-horizon value iteration: <c>values[t][s]</c> is the best total reward from state s with
    /// <see cref="RoboRallyMdp.ProgramLength"/> − t steps left (<c>values[5]</c> is all zeros);
    /// <c>values[0][start]</c> is the optimal return.
    /// </summary>
    public static double[][] ValueIteration(RoboRallyMdp mdp)
    {
        ArgumentNullException.ThrowIfNull(mdp);
        var values = new double[RoboRallyMdp.ProgramLength + 1][];
        values[^1] = new double[mdp.StateCount];
        for (int t = RoboRallyMdp.ProgramLength - 1; t >= 0; t--)
        {
            values[t] = new double[mdp.StateCount];
            for (int s = 0; s < mdp.StateCount; s++)
            {
                double best = double.NegativeInfinity;
                for (int a = 0; a < RoboRallyMdp.ActionCount; a++)
                    best = Math.Max(best, mdp.Reward(s, a) + values[t + 1][mdp.Next(s, a)]);
                values[t][s] = best;
            }
        }
        return values;
    }
}
