using System.Numerics;
using RlFramework.Envs.Seeding;

namespace RlFramework.Envs.Tests.Seeding;

public class RandomGeneratorTests
{
    public static TheoryData<int> Cases => new(Enumerable.Range(0, Fixture.Json("numpy_random.json").GetProperty("cases").GetArrayLength()));

    private static System.Text.Json.JsonElement Case(int index) => Fixture.Json("numpy_random.json").GetProperty("cases")[index];

    private static BigInteger SeedOf(System.Text.Json.JsonElement c) => BigInteger.Parse(c.GetProperty("seed").GetRawText());

    [Theory, MemberData(nameof(Cases))]
    public void SeedSequenceStateMatchesNumpy(int index)
    {
        var c = Case(index);
        var expected = c.GetProperty("seed_sequence_state32").EnumerateArray().Select(e => e.GetUInt32()).ToArray();
        Assert.Equal(expected, new SeedSequence(SeedOf(c)).GenerateState32(expected.Length));
    }

    [Theory, MemberData(nameof(Cases))]
    public void Pcg64RawOutputMatchesNumpy(int index)
    {
        var c = Case(index);
        var bits = new Pcg64(new SeedSequence(SeedOf(c)));
        foreach (var expected in c.GetProperty("raw").EnumerateArray())
            Assert.Equal(ulong.Parse(expected.GetString()!), bits.NextUInt64());
    }

    [Theory, MemberData(nameof(Cases))]
    public void GeneratorDrawsMatchNumpyInOrder(int index)
    {
        var c = Case(index);
        var rng = new RandomGenerator(new Pcg64(new SeedSequence(SeedOf(c))));
        Span<double> uniform = stackalloc double[4];
        rng.Uniform(-0.05, 0.05, uniform);
        Assert.Equal(c.GetProperty("uniform_pm005").EnumerateArray().Select(e => e.GetDouble()).ToArray(), uniform.ToArray());
        foreach (var expected in c.GetProperty("random").EnumerateArray())
            Assert.Equal(expected.GetDouble(), rng.Random());
        foreach (var entry in c.GetProperty("integers").EnumerateObject())
        {
            long n = long.Parse(entry.Name);
            var expected = entry.Value.EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var actual = expected.Select(_ => rng.Integers(n)).ToArray();
            Assert.Equal($"integers({n}): {string.Join(", ", expected)}", $"integers({n}): {string.Join(", ", actual)}");
        }
        var filled = new long[5];
        rng.Integers(0, int.MaxValue, filled);
        Assert.Equal(c.GetProperty("integers_fill_int32max").EnumerateArray().Select(e => e.GetInt64()).ToArray(), filled);
        double[] p = [0.1, 0.2, 0.3, 0.4];
        foreach (var expected in c.GetProperty("choice_p").EnumerateArray())
            Assert.Equal(expected.GetInt32(), rng.Choice(p));
    }

    [Fact]
    public void NegativeSeedIsRejectedWithTheValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RandomGenerator.Create(-3));
        Assert.Contains("-3", error.Message);
    }

    [Fact]
    public void DerivedGeneratorsAreReproducibleAndIndependentOfTheParentStream()
    {
        var a = RandomGenerator.Derive(7, "flicker");
        var b = RandomGenerator.Derive(7, "flicker");
        var other = RandomGenerator.Derive(7, "noise");
        var parent = RandomGenerator.FromSeed(7);
        var drawsA = Enumerable.Range(0, 8).Select(_ => a.NextUInt64()).ToArray();
        Assert.Equal(drawsA, Enumerable.Range(0, 8).Select(_ => b.NextUInt64()));
        Assert.NotEqual(drawsA, Enumerable.Range(0, 8).Select(_ => other.NextUInt64()));
        Assert.NotEqual(drawsA, Enumerable.Range(0, 8).Select(_ => parent.NextUInt64()));
    }
}
