namespace RlFramework.Envs.RoboRally;

/// <summary>What the enumeration of every five-card program of a map found.</summary>
/// <param name="ProgramCount">The number of programs (4^5 = 1024).</param>
/// <param name="ReachableStates">The states some program passes through, the start included, in index order.</param>
/// <param name="GoalPrograms">The number of programs that end on the goal.</param>
/// <param name="PitPrograms">The number of programs that end in a pit.</param>
/// <param name="OptimalReturn">The best return of any program.</param>
/// <param name="OptimalPrograms">Every program with the best return, as action indices, in enumeration order.</param>
public sealed record RoboRallyProgramStats(
    int ProgramCount, IReadOnlyList<int> ReachableStates, int GoalPrograms, int PitPrograms,
    double OptimalReturn, IReadOnlyList<int[]> OptimalPrograms);
