using RlFramework.Agents.Ppo;
using RlFramework.Envs.Seeding;

namespace RlFramework.Agents.Tests.Ppo;

public sealed class PpoHeadTests
{
    [Fact]
    public void TheGaussiansLogProbAndEntropyAreTheClosedForms()
    {
        var head = new GaussianHead(2);
        head.LogStd.data<float>()[0] = -0.5f;
        head.LogStd.data<float>()[1] = 0.3f;
        float[] mean = [0.2f, -1f], action = [1.1f, -0.4f];
        var (logProb, entropy) = head.Evaluate(mean, action);
        double expectedLogProb = 0, expectedEntropy = 0;
        for (int d = 0; d < 2; d++)
        {
            double sigma = Math.Exp(head.LogStd.data<float>()[d]);
            double density = Math.Exp(-Math.Pow(action[d] - mean[d], 2) / (2 * sigma * sigma)) / (sigma * Math.Sqrt(2 * Math.PI));
            expectedLogProb += Math.Log(density);
            expectedEntropy += 0.5 * Math.Log(2 * Math.PI * Math.E * sigma * sigma);
        }
        Assert.Equal(expectedLogProb, logProb, 5);
        Assert.Equal(expectedEntropy, entropy, 5);
    }

    [Fact]
    public void TheCategoricalsLogProbAndEntropyAreTheClosedForms()
    {
        var head = new CategoricalHead(3);
        float[] logits = [0.5f, -1f, 2f];
        double[] p = logits.Select(z => Math.Exp(z)).ToArray();
        double sum = p.Sum();
        for (int a = 0; a < 3; a++) p[a] /= sum;
        var (logProb, entropy) = head.Evaluate(logits, [2f]);
        Assert.Equal(Math.Log(p[2]), logProb, 5);
        Assert.Equal(-p.Sum(x => x * Math.Log(x)), entropy, 5);
    }

    [Fact]
    public void SamplesFollowTheDistribution()
    {
        var random = RandomGenerator.FromSeed(3);
        var categorical = new CategoricalHead(3);
        float[] logits = [0f, MathF.Log(2), MathF.Log(5)]; // probabilities 1/8, 2/8, 5/8
        var counts = new int[3];
        var action = new float[1];
        for (int i = 0; i < 40_000; i++) counts[(int)SampleAndCheck(categorical, logits, action, random)]++;
        Assert.Equal(0.125, counts[0] / 40_000.0, 0.01);
        Assert.Equal(0.625, counts[2] / 40_000.0, 0.01);

        var gaussian = new GaussianHead(1);
        gaussian.LogStd.data<float>()[0] = MathF.Log(2);
        double total = 0, squares = 0;
        for (int i = 0; i < 40_000; i++)
        {
            double x = SampleAndCheck(gaussian, [3f], action, random);
            (total, squares) = (total + x, squares + x * x);
        }
        double mean = total / 40_000;
        Assert.Equal(3, mean, 0.05);
        Assert.Equal(4, squares / 40_000 - mean * mean, 0.1);
    }

    /// <summary>Samples once and checks the returned log-probability is the one Evaluate gives the sampled action.</summary>
    private static float SampleAndCheck(PpoHead head, float[] output, float[] action, RandomGenerator random)
    {
        float logProb = head.Sample(output, action, random);
        Assert.Equal(head.Evaluate(output, action).LogProb, logProb, 5);
        return action[0];
    }
}
