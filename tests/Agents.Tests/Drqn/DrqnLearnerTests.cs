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
        {
            for (int i = 0; i < expected[p].Length; i++)
                Assert.True(Math.Abs(expected[p][i] - actual[p][i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[p][i])), $"parameter {p}[{i}]: BPTT {expected[p][i]} vs e-prop {actual[p][i]}");
        }
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
        var replay = new SequenceReplayBuffer<int>(100, 4, extraFields: ["previous_action"]);
        float[] Obs(int t) => [t, t + 0.5f, -t, 1];
        for (int t = 0; t < 3; t++) replay.Add(0, Obs(t), t % 2, 1f, Obs(t + 1), terminated: t == 2, truncated: false, extras: [t == 0 ? -1 : (t - 1) % 2]);
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

    [Fact]
    public void Burn_in_steps_carry_the_state_but_leave_the_loss_unless_the_window_starts_the_episode()
    {
        var replay = new SequenceReplayBuffer<int>(100, 4, seed: 3, extraFields: ["previous_action"]);
        for (int t = 0; t < 7; t++) replay.Add(0, [t + 1, 0, 0, 0], t % 2, 1f, [t + 2, 0, 0, 0], terminated: t == 6, truncated: false, extras: [t == 0 ? -1 : (t - 1) % 2]);
        var windows = replay.CreateBatch(12, 5);
        replay.SampleWindows(windows);
        var batch = new DrqnBatch(12, 5, 4, 2);
        batch.Fill(windows, 0.9, burnIn: 2);
        Assert.Contains(0, windows.StartSteps);
        Assert.Contains(windows.StartSteps, s => s > 0);
        for (int n = 0; n < 12; n++)
        {
            for (int t = 0; t < 5; t++)
            {
                Assert.Equal(t >= 2 || windows.StartSteps[n] == 0 ? 1f : 0f, batch.Mask[t * 12 + n]);
                Assert.Equal(windows.StartSteps[n] + t + 1, batch.InputsAt(t)[n * 6]); // burn-in steps still feed the network
            }
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Fill(windows, 0.9, burnIn: 5));
    }

    [Theory]
    [InlineData(1e-3, true)]   // the DRQN default: κ shrinks the traced gates' updates
    [InlineData(1e-8, false)]  // PyTorch's default ε: Adam normalises κ away
    public void Trace_scaling_changes_the_update_only_when_adams_epsilon_is_high(double epsilon, bool matters)
    {
        var config = new DrqnConfig { Learner = DrqnLearnerKind.EProp, AdamEpsilon = epsilon };
        var batch = RandomBatch(4, 6, 11);
        float[][] Step(double kappa)
        {
            var q = Network(12);
            var before = q.parameters().Select(p => p.ToArray()).ToArray();
            new DrqnEPropLearner(q, config.CreateOptimizer(q.parameters()), LearningSignalFeedback.Symmetric, EPropAccumulation.AllSteps, new EPropOptions(kappa)).Update(batch);
            return [.. q.parameters().Select((p, i) => p.ToArray().Zip(before[i], (after, b) => after - b).ToArray())];
        }
        var plain = Step(1);
        var scaled = Step(0.01);
        var names = Network(12).named_parameters().Select(p => p.name).ToList();
        const int hidden = 5;
        foreach (string name in new[] { "lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0" })
        {
            int p = names.IndexOf(name), columns = plain[p].Length / (4 * hidden);
            double Norm(float[] delta, int firstRow, int rows) => Math.Sqrt(delta.Skip(firstRow * columns).Take(rows * columns).Sum(d => (double)d * d));
            double traced = Norm(scaled[p], 0, 3 * hidden) / Norm(plain[p], 0, 3 * hidden); // gates i, f, g
            Assert.True(matters ? traced < 0.5 : Math.Abs(traced - 1) < 1e-2, $"{name}: traced gates' update ratio κ = 0.01 / κ = 1 is {traced} at Adam ε = {epsilon}");
            Assert.Equal(Norm(plain[p], 3 * hidden, hidden), Norm(scaled[p], 3 * hidden, hidden), 6); // output gate: untouched by κ
        }
        Assert.Equal(plain[names.IndexOf("readout.weight")], scaled[names.IndexOf("readout.weight")]);
    }

    [Fact]
    public void The_greedy_policy_acts_as_the_agent_does_without_exploration()
    {
        using var agent = new DrqnAgent(new DrqnConfig { HiddenSize = 6 }, 4, 2, seed: 4);
        var policy = agent.CreatePolicy(1);
        using var env = Envs.Gym.Make<float[], int>("FlickeringCartPole-v0");
        var observation = (float[])env.Reset(1).Observation.Clone();
        agent.StartEpisode(0);
        policy.StartEpisode(0);
        int[] action = [0], policyAction = [0];
        var (agentActions, policyActions) = (new List<int>(), new List<int>());
        for (bool done = false; !done;)
        {
            agent.Act(observation, action, explore: false);
            policy.Act(observation, policyAction);
            (agentActions, policyActions) = ([.. agentActions, action[0]], [.. policyActions, policyAction[0]]);
            var step = env.Step(action[0]);
            var next = (float[])step.Observation.Clone();
            agent.Observe(new Transitions<int>(observation, action, [step.Reward], next, [step.Terminated], [step.Truncated]));
            (observation, done) = (next, step.Terminated || step.Truncated);
        }
        Assert.Equal(agentActions, policyActions);
        Assert.Contains(0, agentActions);
        Assert.Contains(1, agentActions);
    }
}
