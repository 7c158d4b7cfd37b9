using RlFramework.Agents.Drqn;
using RlFramework.Models;
using RlFramework.Models.EProp;
using RlFramework.Replay;

namespace RlFramework.Agents.Tests.Drqn;

public class DrqnLearnerTests
{
    private static DrqnBatch RandomBatch(int batchSize, int length, int seed, int[]? validLengths = null)
    {
        var batch = new DrqnBatch(batchSize, length, 4, 2);
        var g = new Generator(seed);
        g.FillUniform(batch.Inputs, -1, 1);
        g.FillUniform(batch.Targets, 0, 2);
        for (int n = 0; n < batchSize; n++)
        {
            batch.ValidLengths[n] = validLengths?[n] ?? length;
            for (int t = 0; t < length; t++)
            {
                int k = t * batchSize + n;
                batch.Mask[k] = t < batch.ValidLengths[n] ? 1 : 0;
                batch.Actions[k] = (k * 7 + seed) % 2;
            }
        }
        return batch;
    }

    private static DrqnNetwork Network(int seed) => new(6, 5, 2, generator: new Generator(seed));

    private static float[][] Grads(DrqnNetwork q) => q.parameters().Select(p => p.grad!.ToArray()).ToArray();

    private static float[][] BpttGradients(DrqnNetwork q, DrqnBatch batch)
    {
        q.zero_grad();
        using var scope = torch.NewDisposeScope();
        new DrqnBpttLearner(q, torch.optim.SGD(q.parameters(), 0)).Loss(batch).Loss.backward();
        return Grads(q);
    }

    private static float[][] EPropGradients(DrqnNetwork q, DrqnBatch batch, LearningSignalFeedback feedback = LearningSignalFeedback.Symmetric)
    {
        q.zero_grad();
        new DrqnEPropLearner(q, torch.optim.SGD(q.parameters(), 0), feedback, EPropAccumulation.AllSteps, new EPropOptions()).AccumulateGradients(batch);
        return Grads(q);
    }

    private static void AssertClose(float[][] expected, float[][] actual)
    {
        for (int p = 0; p < expected.Length; p++)
            for (int i = 0; i < expected[p].Length; i++)
                Assert.True(Math.Abs(expected[p][i] - actual[p][i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[p][i])), $"parameter {p}[{i}]: BPTT {expected[p][i]} vs e-prop {actual[p][i]}");
    }

    [Fact]
    public void Symmetric_eprop_equals_bptt_on_one_step_windows()
    {
        var q = Network(1);
        var batch = RandomBatch(3, 1, 2);
        AssertClose(BpttGradients(q, batch), EPropGradients(q, batch));
    }

    [Fact]
    public void Readout_gradient_and_loss_equal_bptt_on_long_windows_with_padding()
    {
        var q = Network(3);
        var batch = RandomBatch(3, 6, 4, [6, 2, 4]);
        var bptt = BpttGradients(q, batch);
        var eprop = EPropGradients(q, batch);
        var names = q.named_parameters().Select(p => p.name).ToList();
        AssertClose([bptt[names.IndexOf("readout.weight")], bptt[names.IndexOf("readout.bias")]], [eprop[names.IndexOf("readout.weight")], eprop[names.IndexOf("readout.bias")]]);
        using var scope = torch.NewDisposeScope();
        double bpttLoss = new DrqnBpttLearner(q, torch.optim.SGD(q.parameters(), 0)).Loss(batch).Loss.item<float>();
        var (epropLoss, _) = new DrqnEPropLearner(q, torch.optim.SGD(q.parameters(), 0), LearningSignalFeedback.Symmetric, EPropAccumulation.AllSteps, new EPropOptions()).AccumulateGradients(batch);
        Assert.Equal(bpttLoss, epropLoss, 5);
    }

    [Fact]
    public void Random_feedback_changes_only_the_lstm_gradient()
    {
        var q = Network(5);
        var batch = RandomBatch(2, 3, 6);
        var symmetric = EPropGradients(q, batch);
        var random = EPropGradients(q, batch, LearningSignalFeedback.Random);
        var names = q.named_parameters().Select(p => p.name).ToList();
        Assert.Equal(symmetric[names.IndexOf("readout.weight")], random[names.IndexOf("readout.weight")]);
        Assert.NotEqual(symmetric[names.IndexOf("lstm.weight_ih_l0")], random[names.IndexOf("lstm.weight_ih_l0")]);
    }

    [Fact]
    public void Fill_puts_the_previous_action_one_hot_and_the_next_observation_in_the_inputs()
    {
        var replay = new SequenceReplayBuffer<int>(100, 4, actionSize: 2);
        float[] Obs(int t) => [t, t + 0.5f, -t, 1];
        for (int t = 0; t < 3; t++) replay.Add(0, Obs(t), [t % 2, t == 0 ? -1 : (t - 1) % 2], 1f, Obs(t + 1), terminated: t == 2, truncated: false);
        var windows = replay.CreateBatch(1, 3);
        replay.SampleEpisodes(windows);
        var batch = new DrqnBatch(1, 3, 4, 2);
        batch.Fill(windows, 0.9);
        Assert.Equal(new float[] { 0, 0.5f, 0, 1, 0, 0 }, batch.InputsAt(0).ToArray());   // no previous action at the episode start
        Assert.Equal(new float[] { 1, 1.5f, -1, 1, 1, 0 }, batch.InputsAt(1).ToArray());  // a(0) = 0
        Assert.Equal(new float[] { 3, 3.5f, -3, 1, 1, 0 }, batch.InputsAt(3).ToArray());  // final next observation, a(2) = 0
        Assert.Equal(new[] { 0.9f, 0.9f, 0f }, batch.Bootstrap);
        Assert.Equal(new[] { 0, 1, 0 }, batch.Actions);
    }

    [Fact]
    public void Targets_bootstrap_from_the_target_network_and_stop_at_termination()
    {
        var batch = RandomBatch(2, 3, 8);
        Array.Fill(batch.Rewards, 1f);
        Array.Fill(batch.Bootstrap, 0.5f);
        batch.Bootstrap[^1] = 0f;
        var target = Network(9);
        batch.ComputeTargets(target);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var q = target.forward(torch.tensor(batch.Inputs, 4, 2, 6)).data<float>();
        for (int k = 0; k < 6; k++)
            Assert.Equal(1f + batch.Bootstrap[k] * Math.Max(q[(k + 2) * 2], q[(k + 2) * 2 + 1]), batch.Targets[k], 5);
    }
}
