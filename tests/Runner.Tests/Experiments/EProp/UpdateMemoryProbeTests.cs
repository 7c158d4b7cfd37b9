using RlFramework.Runner.Experiments.EProp;

namespace RlFramework.Runner.Tests.Experiments.EProp;

/// <summary>
/// The memory probe reads the process-wide count of tensor storage in use, so it runs alone: other tests allocating
/// tensors at the same time would add to the count.
/// </summary>
[Collection(MemoryProbeCollection.Name)]
public class UpdateMemoryProbeTests
{
    [Fact]
    public void Bptt_memory_grows_with_the_sequence_length_and_eprop_memory_does_not()
    {
        var rows = UpdateMemoryProbe.Measure([8, 80], batchSize: 4, hiddenSize: 8);
        // Ten times the sequence length: BPTT's tape grows with it (a constant part keeps the ratio below 10).
        Assert.True(rows[1].BpttBytes > 5 * rows[0].BpttBytes, $"BPTT held {rows[0].BpttBytes} then {rows[1].BpttBytes} bytes");
        Assert.Equal(rows[0].EPropBytes, rows[1].EPropBytes);
        Assert.Equal(0, rows[1].EPropAllocatedBytes);
        Assert.True(rows[0].EPropBytes >= 4L * 4 * 3 * 8 * (6 + 8 + 1), "e-prop holds at least its 3·H·(I+H+1) traces per sequence");
    }
}
