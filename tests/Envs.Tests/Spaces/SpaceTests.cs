using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RlFramework.Envs.Spaces;

namespace RlFramework.Envs.Tests.Spaces;

public class SpaceTests
{
    public static TheoryData<int> Cases => new(Enumerable.Range(0, Fixture.Json("numpy_random.json").GetProperty("cases").GetArrayLength()));

    [Theory, MemberData(nameof(Cases))]
    public void SeededSamplesMatchGymnasium(int index)
    {
        var c = Fixture.Json("numpy_random.json").GetProperty("cases")[index];
        if (!c.GetProperty("seed").TryGetInt32(out int seed)) return; // spaces take int seeds, as Gymnasium's
        var discrete = new Discrete(5);
        discrete.Seed(seed);
        Assert.Equal(c.GetProperty("discrete5").EnumerateArray().Select(e => e.GetInt32()), Enumerable.Range(0, 6).Select(_ => discrete.Sample()));
        var box = new Box<float>([-1f, 0f, -3f], [1f, 5f, 3f]);
        box.Seed(seed);
        Assert.Equal(c.GetProperty("box_float32").EnumerateArray().Select(e => e.GetSingle()), box.Sample());
    }

    [Property]
    public bool DiscreteSamplesAreContained(PositiveInt n, int start, NonNegativeInt seed)
    {
        var space = new Discrete(n.Get, start % 1000);
        space.Seed(seed.Get);
        return Enumerable.Range(0, 20).All(_ => space.Contains(space.Sample()));
    }

    [Property]
    public bool DiscreteRejectsValuesOutsideTheRange(PositiveInt n, int start)
    {
        var space = new Discrete(n.Get % 100000, start % 1000);
        return !space.Contains(space.Start - 1) && !space.Contains(space.Start + space.N) && space.Contains(space.Start + space.N - 1);
    }

    [Property]
    public Property BoxSamplesAreContainedForEveryKindOfBound(NonNegativeInt seed)
    {
        var boundGen = Gen.Elements(float.NegativeInfinity, -5f, -1f, 0f, 0.5f, 3f, float.PositiveInfinity);
        var boundsGen = Gen.ArrayOf(Gen.Two(boundGen), 6)
            .Where(pairs => pairs.All(p => p.Item1 <= p.Item2 && !(float.IsInfinity(p.Item1) && p.Item1 == p.Item2)));
        return Prop.ForAll(boundsGen.ToArbitrary(), pairs =>
        {
            var box = new Box<float>(pairs.Select(p => p.Item1).ToArray(), pairs.Select(p => p.Item2).ToArray());
            box.Seed(seed.Get);
            return Enumerable.Range(0, 10).All(_ => box.Contains(box.Sample()));
        });
    }

    [Property]
    public bool IntegerBoxSamplesAreContainedAndCoverTheUpperBound(NonNegativeInt seed)
    {
        var box = new Box<int>(-2, 2, 50);
        box.Seed(seed.Get);
        var samples = Enumerable.Range(0, 20).SelectMany(_ => box.Sample()).ToList();
        return samples.All(v => v is >= -2 and <= 2) && samples.Contains(2) && samples.Contains(-2);
    }

    [Property]
    public bool BoxRejectsOutOfRangeNaNAndWrongLength(float value)
    {
        var box = new Box<float>(-1f, 1f, 2);
        bool inside = value is >= -1f and <= 1f;
        return box.Contains([value, 0f]) == inside && !box.Contains([float.NaN, 0f]) && !box.Contains([0f]) && !box.Contains([0f, 0f, 0f]);
    }

    [Property]
    public bool CompositeSamplesAreContained(NonNegativeInt seed)
    {
        var space = new DictSpace(new Dictionary<string, ISpace>
        {
            ["position"] = new Box<double>(-1.0, 1.0, 2),
            ["grid"] = new MultiDiscrete([3, 4], [1, 0]),
            ["flags"] = new MultiBinary(5),
            ["pair"] = new TupleSpace(new Discrete(3), new Discrete(2, start: -1)),
        });
        space.Seed(seed.Get);
        return Enumerable.Range(0, 10).All(_ => space.Contains(space.Sample()));
    }

    [Fact]
    public void SameSeedGivesTheSameSamplesForCompositeSpaces()
    {
        ISpace Make() => new TupleSpace(new Discrete(7), new Box<float>(-1f, 1f, 3), new MultiBinary(4));
        var (a, b) = (Make(), Make());
        a.Seed(5);
        b.Seed(5);
        for (int i = 0; i < 5; i++)
            Assert.True(RlFramework.Envs.Checking.ValueEquality.DeepEquals(a.SampleBoxed(), b.SampleBoxed()));
    }

    [Fact]
    public void DiscreteMaskPicksOnlyValidActionsAndStartWhenNoneIs()
    {
        var space = new Discrete(4, start: 10);
        space.Seed(0);
        Assert.All(Enumerable.Range(0, 50).Select(_ => space.Sample([0, 1, 0, 1])), v => Assert.Contains(v, new[] { 11, 13 }));
        Assert.Equal(10, space.Sample([0, 0, 0, 0]));
        Assert.Contains("mask[2] = 7", Assert.Throws<ArgumentException>(() => space.Sample([0, 1, 7, 0])).Message);
        Assert.Contains("3 entries", Assert.Throws<ArgumentException>(() => space.Sample([0, 1, 0])).Message);
    }

    [Fact]
    public void DiscreteProbabilitiesAreRespectedAndValidated()
    {
        var space = new Discrete(3);
        space.Seed(1);
        var counts = new int[3];
        for (int i = 0; i < 10000; i++) counts[space.SampleWithProbability([0.2, 0.0, 0.8])]++;
        Assert.Equal(0, counts[1]);
        Assert.InRange(counts[2] / 10000.0, 0.77, 0.83);
        Assert.Contains("sum to 0.5", Assert.Throws<ArgumentException>(() => space.SampleWithProbability([0.2, 0.2, 0.1])).Message);
        Assert.Contains("probability[0] = -0.1", Assert.Throws<ArgumentException>(() => space.SampleWithProbability([-0.1, 0.6, 0.5])).Message);
    }

    [Fact]
    public void BoxConstructorRejectsLowAboveHighWithTheValues()
    {
        var error = Assert.Throws<ArgumentException>(() => new Box<float>([0f, 2f], [1f, 1f]));
        Assert.Contains("low[1] = 2", error.Message);
        Assert.Contains("high[1] = 1", error.Message);
    }

    [Fact]
    public void CompositeSeedsOfTheWrongShapeAreErrors()
    {
        var tuple = new TupleSpace(new Discrete(2), new Discrete(3));
        Assert.Contains("Got 3 seeds for a Tuple of 2", Assert.Throws<ArgumentException>(() => tuple.Seed([1, 2, 3])).Message);
        var dict = new DictSpace(new Dictionary<string, ISpace> { ["a"] = new Discrete(2), ["b"] = new Discrete(2) });
        var error = Assert.Throws<ArgumentException>(() => dict.Seed(new Dictionary<string, int?> { ["a"] = 1, ["c"] = 2 }));
        Assert.Contains("missing: [b]", error.Message);
        Assert.Contains("unexpected: [c]", error.Message);
        Assert.Equal(2, tuple.Seed([4, null]).Count);
    }

    [Fact]
    public void SpacesPrintInGymnasiumsForm()
    {
        Assert.Equal("Discrete(2)", new Discrete(2).ToString());
        Assert.Equal("Discrete(3, start=-1)", new Discrete(3, -1).ToString());
        Assert.Equal("Box(-1.0, 1.0, (3,), float32)", new Box<float>(-1f, 1f, 3).ToString());
        Assert.Equal("Box(0, 255, (2, 2), uint8)", new Box<byte>(0, 255, 2, 2).ToString());
        Assert.Equal("Box([-4.8 -inf], [4.8 inf], (2,), float32)", new Box<float>([-4.8f, float.NegativeInfinity], [4.8f, float.PositiveInfinity]).ToString());
        Assert.Equal("Dict('a': Discrete(2), 'b': MultiBinary(3))",
            new DictSpace(new Dictionary<string, ISpace> { ["b"] = new MultiBinary(3), ["a"] = new Discrete(2) }).ToString());
    }
}
