using RlFramework.Envs.RoboRally;

namespace RlFramework.Envs.Tests.RoboRally;

public class RoboRallySolverTests
{
    [Fact]
    public void TwoCellMapCountsMatchTheHandCount()
    {
        // Start facing the goal next to it. A program misses the goal iff it never plays F while facing east;
        // counting those by heading (f(n,E) = f(n-1,N) + f(n-1,S) + f(n-1,E), f(n,h) = 2f(n-1,h) + f(n-1,left) + f(n-1,right)
        // elsewhere) gives 589 of 1024, so 435 reach the goal; the best is F first (5 × 10) followed by any 4 cards: 256 programs.
        var stats = RoboRallySolver.EnumeratePrograms(new RoboRallyMdp(RoboRallyMap.Parse("start 0 0 east\n.G\n", "two")));
        Assert.Equal(1024, stats.ProgramCount);
        Assert.Equal(435, stats.GoalPrograms);
        Assert.Equal(0, stats.PitPrograms);
        Assert.Equal(50, stats.OptimalReturn);
        Assert.Equal(256, stats.OptimalPrograms.Count);
        Assert.All(stats.OptimalPrograms, p => Assert.Equal((int)RoboRallyAction.MoveForward, p[0]));
        Assert.Equal(5, stats.ReachableStates.Count); // 4 headings on the start cell, the goal facing east
    }

    [Fact]
    public void GoalBehindPitInFrontCountsMatchTheHandCount()
    {
        // Facing the pit with the goal behind: 435 programs fall in (as above, mirrored), 94 reach the goal (the same
        // recursion counted for the west-facing F), the best is a half turn and F (3 × 10) by LL or RR, then any 2 cards.
        var stats = RoboRallySolver.EnumeratePrograms(new RoboRallyMdp(RoboRallyMap.Parse("start 1 0 east\nG.O\n", "three")));
        Assert.Equal(435, stats.PitPrograms);
        Assert.Equal(94, stats.GoalPrograms);
        Assert.Equal(30, stats.OptimalReturn);
        Assert.Equal(32, stats.OptimalPrograms.Count);
        Assert.All(stats.OptimalPrograms, p => Assert.Matches("^(LL|RR)F..$", RoboRallySolver.Describe(p)));
        Assert.Equal(6, stats.ReachableStates.Count);
    }

    [Fact]
    public void TheDefaultMapHasThePapersCounts()
    {
        var map = RoboRallyMaps.Load(RoboRallyMaps.DefaultName);
        Assert.Equal("paper", map.Name);
        Assert.Equal(new RoboRallyState(0, map.Height - 1, Heading.North), map.Start); // lower-left, facing north
        var mdp = new RoboRallyMdp(map);
        var stats = RoboRallySolver.EnumeratePrograms(mdp);
        Assert.Equal(25, stats.GoalPrograms);
        Assert.Equal(24, stats.ReachableStates.Count);
        // Two of them are pit states, facing north and facing east (the paper's words).
        Assert.Equal([Heading.North, Heading.East], stats.ReachableStates
            .Select(s => RoboRallyState.FromIndex(s, map.Width)).Where(s => map[s.X, s.Y] == RoboRallyCell.Pit).Select(s => s.Heading).Order());
        Assert.Equal(11, stats.PitPrograms);
        Assert.Equal(19, stats.OptimalReturn);
        Assert.Equal(["RFFFF", "RFFFL", "RFFFR", "RFFFW"], stats.OptimalPrograms.Select(p => RoboRallySolver.Describe(p)));
        Assert.Equal(0, mdp.Run([1, 2, 1, 2, 1]).Return); // only turning: no reward, no penalty
    }

    [Fact]
    public void ThePitAheadMapHasItsDocumentedCounts()
    {
        var mdp = new RoboRallyMdp(RoboRallyMaps.Load("pitahead"));
        var stats = RoboRallySolver.EnumeratePrograms(mdp);
        Assert.Equal(34, stats.ReachableStates.Count);
        Assert.Equal(26, mdp.ActingStates().Count);
        Assert.Equal(8, stats.GoalPrograms);
        Assert.Equal(40, stats.PitPrograms);
        // The only terminal states reached: the pit facing north, the goal facing east.
        Assert.Equal([new RoboRallyState(0, 0, Heading.North), new RoboRallyState(3, 3, Heading.East)],
            stats.ReachableStates.Where(mdp.IsTerminal).Select(s => RoboRallyState.FromIndex(s, 4)));
        Assert.Equal(20, stats.OptimalReturn);
        Assert.Equal(["RFFFF", "RFFFL", "RFFFR", "RFFFW"], stats.OptimalPrograms.Select(p => RoboRallySolver.Describe(p)));
        // Only turning scores 0, the best any program without a forward move can do.
        Assert.Equal(0, mdp.Run([1, 2, 1, 2, 1]).Return);
    }

    public static TheoryData<string> MapNames => new([.. RoboRallyMaps.Names]);

    [Theory, MemberData(nameof(MapNames))]
    public void ValueIterationAgreesWithEnumeration(string name)
    {
        var mdp = new RoboRallyMdp(RoboRallyMaps.Load(name));
        var values = RoboRallySolver.ValueIteration(mdp);
        var stats = RoboRallySolver.EnumeratePrograms(mdp);
        Assert.Equal(stats.OptimalReturn, values[0][mdp.StartState]);
        Assert.All(stats.OptimalPrograms, p => Assert.Equal(stats.OptimalReturn, mdp.Run(p).Return));
        Assert.True(stats.GoalPrograms > 0);
        Assert.Equal(stats.ReachableStates, mdp.ReachableWithin(RoboRallyMdp.ProgramLength));
    }

    [Fact]
    public void ProgramNumbersAreBaseFourFirstCardFirst()
    {
        Assert.Equal([0, 0, 0, 0, 0], RoboRallySolver.Program(0));
        Assert.Equal([2, 0, 0, 0, 3], RoboRallySolver.Program(2 * 256 + 3));
        Assert.Equal("RFFFW", RoboRallySolver.Describe(RoboRallySolver.Program(2 * 256 + 3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RoboRallySolver.Program(1024));
    }
}
