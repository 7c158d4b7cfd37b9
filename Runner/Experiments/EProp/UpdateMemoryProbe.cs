using RlFramework.Agents.Drqn;
using RlFramework.Models;
using RlFramework.Models.EProp;

namespace RlFramework.Runner.Experiments.EProp;

/// <summary>
/// Measures the memory a DRQN update holds for its gradient as a function of the sequence length. BPTT: the growth of
/// <c>torch.memory_allocated()</c> (tensor storage rented and not returned) from the start of the forward pass to the
/// point where backward starts. e-prop: the same growth over the whole online gradient computation plus the
/// buffers its trainer holds (<see cref="EPropLstm.BytesHeld"/>), and the managed bytes allocated meanwhile. The window
/// data and TD targets, the same for both, are made beforehand and not counted. Run it alone: the pool counter is
/// process-wide.
/// </summary>
public static class UpdateMemoryProbe
{
    /// <summary>Measures each length with a CartPole-sized network (4 observations, 2 actions).</summary>
    public static IReadOnlyList<UpdateMemory> Measure(IReadOnlyList<int> lengths, int batchSize = 32, int hiddenSize = 32)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        const int observationSize = 4, actionCount = 2;
        var results = new List<UpdateMemory>();
        foreach (int length in lengths)
        {
            var batch = SyntheticBatch(batchSize, length, observationSize, actionCount);
            var q = new DrqnNetwork(observationSize + actionCount, hiddenSize, actionCount, generator: new Generator(1));
            var bptt = new DrqnBpttLearner(q, torch.optim.Adam(q.parameters(), 3e-4));
            bptt.Update(batch); // warm-up: pools, parameter gradients
            long bpttBytes;
            using (torch.NewDisposeScope())
            {
                long before = torch.memory_allocated();
                _ = bptt.Loss(batch);
                bpttBytes = torch.memory_allocated() - before;
            }
            var eprop = new DrqnEPropLearner(q, torch.optim.Adam(q.parameters(), 3e-4), LearningSignalFeedback.Symmetric, EPropAccumulation.AllSteps, new EPropOptions());
            eprop.Update(batch); // warm-up: trace buffers, parameter gradients
            long pool = torch.memory_allocated(), allocated = GC.GetAllocatedBytesForCurrentThread();
            eprop.AccumulateGradients(batch);
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            long epropBytes = torch.memory_allocated() - pool + eprop.Trainer.BytesHeld;
            results.Add(new UpdateMemory(length, batchSize, bpttBytes, epropBytes, allocated));
            q.Dispose();
        }
        return results;
    }

    /// <summary>A batch of random inputs and targets with every step real (for measurements).</summary>
    public static DrqnBatch SyntheticBatch(int batchSize, int length, int observationSize, int actionCount, int seed = 7)
    {
        var batch = new DrqnBatch(batchSize, length, observationSize, actionCount);
        var g = new Generator(seed);
        g.FillUniform(batch.Inputs, -1, 1);
        g.FillUniform(batch.Targets, 0, 10);
        Array.Fill(batch.Mask, 1f);
        Array.Fill(batch.ValidLengths, length);
        for (int k = 0; k < batch.Actions.Length; k++) batch.Actions[k] = k % actionCount;
        return batch;
    }
}
