using RlFramework.Envs.RoboRally;

namespace RlFramework.Envs.Tests.RoboRally;

public class RoboRallyDynamicsTests
{
    /// <summary>Every cell kind, belts pushing into walls, off the board, onto a pit, the goal and a laser.</summary>
    private const string AllKinds = """
        start 1 2 north
        v^<#G
        #^L.v
        >.v>O
        O<.^<
        """;

    public static TheoryData<string> Maps => new([.. RoboRallyMaps.Names.Select(n => "bundled:" + n), "all-kinds", "random:1", "random:2", "random:3"]);

    private static RoboRallyMap Map(string key) => key switch
    {
        "all-kinds" => RoboRallyMap.Parse(AllKinds, "all-kinds"),
        _ when key.StartsWith("random:", StringComparison.Ordinal) => RoboRallyMapGenerator.Generate(5, 4, long.Parse(key[7..], System.Globalization.CultureInfo.InvariantCulture)),
        _ => RoboRallyMaps.Load(key["bundled:".Length..]),
    };

    [Theory, MemberData(nameof(Maps))]
    public void TheEnvStepsExactlyAsTheTableForEveryStateAndAction(string key)
    {
        var map = Map(key);
        var mdp = new RoboRallyMdp(map);
        using var env = new RoboRallyEnv(map);
        int checkedPairs = 0;
        for (int s = 0; s < mdp.StateCount; s++)
        {
            var state = RoboRallyState.FromIndex(s, map.Width);
            if (map[state.X, state.Y] == RoboRallyCell.Wall) continue;
            for (int a = 0; a < RoboRallyMdp.ActionCount; a++)
            {
                env.Reset(options: new Dictionary<string, object?> { ["state"] = state });
                var step = env.Step(a);
                Assert.Equal(mdp.Next(s, a), Array.IndexOf(step.Observation, 1f));
                Assert.Equal(mdp.Next(s, a), step.Info.Get<int>("state"));
                Assert.Equal(mdp.Reward(s, a), step.Reward);
                checkedPairs++;
            }
        }
        Assert.True(checkedPairs >= 4 * (map.Width * map.Height - 1) / 2);
    }

    [Theory]
    // Moving onto the north belt (1,1): carried to (1,0), itself a belt, but belts push once per step.
    [InlineData(1, 2, Heading.North, RoboRallyAction.MoveForward, 1, 0, Heading.North, 0)]
    // On the north belt (1,0) at the top edge: the belt cannot push off the board.
    [InlineData(1, 0, Heading.East, RoboRallyAction.TurnLeft, 1, 0, Heading.North, 0)]
    // The west belt (2,0) pushes onto the belt (1,0): one push only.
    [InlineData(2, 0, Heading.South, RoboRallyAction.TurnRight, 1, 0, Heading.West, 0)]
    // Moving west onto the south belt (0,0), which points into the wall (0,1): no push.
    [InlineData(1, 0, Heading.West, RoboRallyAction.MoveForward, 0, 0, Heading.West, 0)]
    // The east belt (0,2) pushes the waiting robot into (1,2): −1 for waiting.
    [InlineData(0, 2, Heading.West, RoboRallyAction.Wait, 1, 2, Heading.West, -1)]
    // Moving off a belt onto the laser (2,1): −1.
    [InlineData(1, 1, Heading.East, RoboRallyAction.MoveForward, 2, 1, Heading.East, -1)]
    [InlineData(3, 1, Heading.West, RoboRallyAction.MoveForward, 2, 1, Heading.West, -1)]
    // Waiting on the laser: −1 for the laser and −1 for waiting.
    [InlineData(2, 1, Heading.West, RoboRallyAction.Wait, 2, 1, Heading.West, -2)]
    // Into the wall (3,0): no move.
    [InlineData(3, 1, Heading.North, RoboRallyAction.MoveForward, 3, 1, Heading.North, 0)]
    // Onto the south belt (4,1), which pushes onto the pit (4,2): −10.
    [InlineData(3, 1, Heading.East, RoboRallyAction.MoveForward, 4, 2, Heading.East, -10)]
    // Onto the east belt (3,2), which pushes onto the pit (4,2).
    [InlineData(2, 2, Heading.East, RoboRallyAction.MoveForward, 4, 2, Heading.East, -10)]
    // Moving north off the south belt (4,1) onto the goal (4,0): +10.
    [InlineData(4, 1, Heading.North, RoboRallyAction.MoveForward, 4, 0, Heading.North, 10)]
    // The west belt (4,3) pushes the waiting robot onto the north belt (3,3): one push only.
    [InlineData(4, 3, Heading.South, RoboRallyAction.Wait, 3, 3, Heading.South, -1)]
    // The west belt (1,3) pushes into the pit (0,3).
    [InlineData(1, 3, Heading.North, RoboRallyAction.TurnLeft, 0, 3, Heading.West, -10)]
    // Off the bottom edge: no move.
    [InlineData(2, 3, Heading.South, RoboRallyAction.MoveForward, 2, 3, Heading.South, 0)]
    // Terminal cells absorb: any action, same state, the cell's reward again and no wait penalty.
    [InlineData(4, 0, Heading.North, RoboRallyAction.Wait, 4, 0, Heading.North, 10)]
    [InlineData(4, 0, Heading.East, RoboRallyAction.MoveForward, 4, 0, Heading.East, 10)]
    [InlineData(0, 3, Heading.West, RoboRallyAction.TurnRight, 0, 3, Heading.West, -10)]
    public void HandCheckedTransitionsOfTheAllKindsMap(int x, int y, Heading heading, RoboRallyAction action, int x2, int y2, Heading heading2, double reward)
    {
        var map = RoboRallyMap.Parse(AllKinds, "all-kinds");
        var mdp = new RoboRallyMdp(map);
        int s = new RoboRallyState(x, y, heading).Index(map.Width);
        Assert.Equal(new RoboRallyState(x2, y2, heading2), RoboRallyState.FromIndex(mdp.Next(s, (int)action), map.Width));
        Assert.Equal(reward, mdp.Reward(s, (int)action));
    }

    [Fact]
    public void AnEpisodeIsFiveStepsAndTheGoalPaysEveryRemainingStep()
    {
        using var env = new RoboRallyEnv(RoboRallyMaps.Load("pitahead"));
        env.Reset(seed: 1);
        double total = 0;
        int[] program = [2, 0, 0, 0, 3];
        for (int t = 0; t < program.Length; t++)
        {
            var step = env.Step(program[t]);
            total += step.Reward;
            Assert.False(step.Terminated);
            Assert.Equal(t == 4, step.Truncated);
        }
        Assert.Equal(20, total);
        Assert.Equal(new RoboRallyState(3, 3, Heading.East), env.State);
        var error = Assert.Throws<InvalidOperationException>(() => env.Step(0));
        Assert.Contains("call Reset", error.Message);
    }

    [Fact]
    public void TheStructuredObservationIsXYHeading()
    {
        using var env = (RoboRallyEnv)Gym.Make<float[], int>("RoboRally-Pitahead-v0", new Dictionary<string, object?> { ["observation"] = "structured" }).Unwrapped;
        Assert.Equal([0f, 3f, 0f], env.Reset().Observation);
        Assert.Equal([0f, 3f, 1f], env.Step((int)RoboRallyAction.TurnRight).Observation);
        Assert.Equal([1f, 3f, 1f], env.Step((int)RoboRallyAction.MoveForward).Observation);
        Assert.Equal(3, env.ObservationSpace.Size);
    }

    [Fact]
    public void EveryBundledMapHasItsOwnIdAndMapsLoadFromFiles()
    {
        foreach (string name in RoboRallyMaps.Names)
        {
            using var env = Gym.Make(RoboRallyFamily.Id(name));
            Assert.Equal(name, ((RoboRallyEnv)env.Unwrapped).Map.Name);
        }
        string path = Path.Combine(Path.GetTempPath(), $"roborally-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "start 0 0 east\n.G\n");
        try
        {
            using var env = Gym.Make("RoboRally-v0", new Dictionary<string, object?> { ["map"] = path });
            Assert.Equal(2, ((RoboRallyEnv)env.Unwrapped).Map.Width);
        }
        finally
        {
            File.Delete(path);
        }
        var unknown = Assert.Throws<ArgumentException>(() => Gym.Make("RoboRally-v0", new Dictionary<string, object?> { ["map"] = "no-such-map" }));
        Assert.Contains("pitahead", unknown.Message);
        var badObservation = Assert.Throws<ArgumentException>(() => Gym.Make("RoboRally-v0", new Dictionary<string, object?> { ["observation"] = "pixels" }));
        Assert.Contains("'pixels'", badObservation.Message);
    }

    [Fact]
    public void TheRandomGeneratorIsSeededAndSolvable()
    {
        var a = RoboRallyMapGenerator.Generate(6, 5, 42);
        Assert.Equal(a.ToText(), RoboRallyMapGenerator.Generate(6, 5, 42).ToText());
        Assert.NotEqual(a.ToText(), RoboRallyMapGenerator.Generate(6, 5, 43).ToText());
        for (int seed = 0; seed < 20; seed++)
        {
            var map = RoboRallyMapGenerator.Generate(5, 5, seed);
            Assert.True(RoboRallySolver.EnumeratePrograms(new RoboRallyMdp(map)).GoalPrograms > 0, map.ToString());
        }
        Assert.Throws<ArgumentException>(() => RoboRallyMapGenerator.Generate(4, 4, 1, wallDensity: 0.9, pitDensity: 0.2));
    }
}
