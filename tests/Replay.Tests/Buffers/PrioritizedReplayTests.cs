namespace RlFramework.Replay.Tests.Buffers;

public class PrioritizedReplayTests
{
    private static PrioritizedReplayBuffer<int> WithPriorities(double alpha, double beta, params float[] priorities)
    {
        var b = new PrioritizedReplayBuffer<int>(priorities.Length, 4, alpha: alpha, beta: beta, epsilon: 1e-9, seed: 5);
        for (int t = 0; t < priorities.Length; t++)
        {
            b.Add(ReplayBufferTests.Obs(t), t, t, ReplayBufferTests.Obs(t + 1), false, false);
        }

        b.UpdatePriorities(Enumerable.Range(0, priorities.Length).ToArray(), priorities);
        return b;
    }

    [Fact]
    public void SumTreeFindsPrefixSumsByHand()
    {
        var tree = new SumTree(4);
        tree[0] = 1;
        tree[1] = 2;
        tree[2] = 3;
        tree[3] = 4;
        Assert.Equal(10, tree.Total);
        (double Mass, int Leaf)[] cases = [(0, 0), (0.999, 0), (1, 1), (2.999, 1), (3, 2), (5.999, 2), (6, 3), (9.999, 3)];
        foreach ((double mass, int leaf) in cases)
        {
            Assert.Equal(leaf, tree.FindPrefixSum(mass));
        }

        tree[2] = 0.5;
        Assert.Equal(7.5, tree.Total);
        Assert.Equal(3, tree.FindPrefixSum(3.5));
    }

    [Fact]
    public void SumTreeNeverReturnsZeroLeaves()
    {
        var tree = new SumTree(5); // padded to 8 leaves
        tree[1] = 5;
        foreach (double mass in new[] { 0.0, 2.5, 4.999999, 5.0, 7.0 })
        {
            Assert.Equal(1, tree.FindPrefixSum(mass));
        }

        Assert.Throws<InvalidOperationException>(() => new SumTree(3).FindPrefixSum(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree[0] = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => tree[5] = 1);
    }

    [Fact]
    public void MinTreeTracksTheMinimum()
    {
        var tree = new MinTree(6);
        Assert.Equal(double.PositiveInfinity, tree.Min);
        tree[3] = 2;
        tree[5] = 0.5;
        tree[0] = 7;
        Assert.Equal(0.5, tree.Min);
        tree[5] = 9;
        Assert.Equal(2, tree.Min);
    }

    [Fact]
    public void StratifiedSampleAndWeightsMatchHandComputation()
    {
        // alpha 1, beta 1: P = [.1 .2 .3 .4], weight = p_min / p_i = [1, 1/2, 1/3, 1/4].
        PrioritizedReplayBuffer<int> b = WithPriorities(1, 1, 1, 2, 3, 4);
        Assert.Equal(10, b.TotalPriority, 6);
        TransitionBatch<int> batch = b.CreateBatch(4);
        double[] weightOf = [1, 0.5, 1.0 / 3, 0.25];
        int[][] allowed = [[0, 1], [1, 2], [2, 3], [3]]; // segments [0,2.5) [2.5,5) [5,7.5) [7.5,10) over cumulative [0,1,3,6,10]
        for (int k = 0; k < 50; k++)
        {
            b.Sample(batch);
            for (int i = 0; i < 4; i++)
            {
                int slot = batch.Indices[i];
                Assert.Contains(slot, allowed[i]);
                Assert.Equal(weightOf[slot], batch.Weights[i], 5);
                Assert.Equal(slot, batch.Actions[i]);
            }
        }
    }

    [Fact]
    public void AlphaAndBetaExponents()
    {
        // alpha 0.5: scaled = sqrt([1 4 9 16]) = [1 2 3 4]; beta 0.5: weight = (scaled_i / scaled_min)^-0.5.
        PrioritizedReplayBuffer<int> b = WithPriorities(0.5, 0.5, 1, 4, 9, 16);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(i + 1, b.ScaledPriorityAt(i), 6);
        }

        TransitionBatch<int> batch = b.CreateBatch(64);
        b.Sample(batch);
        for (int i = 0; i < batch.Size; i++)
        {
            Assert.Equal(Math.Pow(batch.Indices[i] + 1, -0.5), batch.Weights[i], 5);
        }

        b.Beta = 0;
        b.Sample(batch);
        Assert.All(batch.Weights, w => Assert.Equal(1f, w));
    }

    [Fact]
    public void NewTransitionsGetTheMaximumPriority()
    {
        var b = new PrioritizedReplayBuffer<int>(8, 4, alpha: 0.5, epsilon: 1e-9);
        b.Add(ReplayBufferTests.Obs(0), 0, 0, ReplayBufferTests.Obs(1), false, false);
        Assert.Equal(1, b.ScaledPriorityAt(0), 9); // initial max priority 1
        b.UpdatePriorities([0], [16f]);
        Assert.Equal(4, b.ScaledPriorityAt(0), 6);
        b.Add(ReplayBufferTests.Obs(1), 1, 0, ReplayBufferTests.Obs(2), false, false);
        Assert.Equal(4, b.ScaledPriorityAt(1), 6);
        b.AddBatch(new float[12], new int[3], new float[3], new float[12], new bool[3], new bool[3]);
        for (int i = 2; i < 5; i++)
        {
            Assert.Equal(4, b.ScaledPriorityAt(i), 6);
        }

        Assert.Equal(16, b.MaxPriority, 6);
    }

    [Fact]
    public void SamplingProportionsFollowPriorities()
    {
        // alpha 1: P = [1 2 3 4 10] / 20; 200,000 single draws with a fixed seed.
        PrioritizedReplayBuffer<int> b = WithPriorities(1, 0.4, 1, 2, 3, 4, 10);
        TransitionBatch<int> batch = b.CreateBatch(1);
        var counts = new int[5];
        const int draws = 200_000;
        for (int k = 0; k < draws; k++)
        {
            b.Sample(batch);
            counts[batch.Indices[0]]++;
        }

        double[] expected = [0.05, 0.10, 0.15, 0.20, 0.50];
        for (int i = 0; i < 5; i++)
        {
            // sd of a proportion at n = 200k is at most 0.0011; allow 0.005.
            Assert.InRange((double)counts[i] / draws, expected[i] - 0.005, expected[i] + 0.005);
        }
    }

    [Fact]
    public void SameSeedSameSamples()
    {
        int[] Run()
        {
            PrioritizedReplayBuffer<int> b = WithPriorities(0.6, 0.4, 3, 1, 4, 1, 5, 9, 2, 6);
            TransitionBatch<int> batch = b.CreateBatch(16);
            var all = new List<int>();
            for (int k = 0; k < 10; k++)
            {
                b.Sample(batch);
                all.AddRange(batch.Indices);
                b.UpdatePriorities(batch.Indices, batch.Indices.Select(i => (float)(i % 3)).ToArray());
            }

            return all.ToArray();
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void BadUpdatesAreRefused()
    {
        PrioritizedReplayBuffer<int> b = WithPriorities(0.6, 0.4, 1, 2);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => b.UpdatePriorities([0], [-1f]));
        Assert.Contains("-1", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => b.UpdatePriorities([0], [float.NaN]));
        var idx = Assert.Throws<ArgumentOutOfRangeException>(() => b.UpdatePriorities([2], [1f]));
        Assert.Contains("[0, 2)", idx.Message);
        Assert.Throws<ArgumentException>(() => b.UpdatePriorities([0, 1], [1f]));
        Assert.Throws<ArgumentOutOfRangeException>(() => b.Beta = 1.5);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PrioritizedReplayBuffer<int>(4, 4, epsilon: 0));
    }
}
