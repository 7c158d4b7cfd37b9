namespace RlFramework.Runner.Experiments.EProp;

/// <summary>Memory one DRQN update holds for its gradient, for one sequence length.</summary>
/// <param name="SequenceLength">Steps per sequence T.</param>
/// <param name="BatchSize">Sequences per update.</param>
/// <param name="BpttBytes">BPTT: tensor storage held by the forward pass (activations and autograd tape) when backward starts.</param>
/// <param name="EPropBytes">e-prop: trace, state and gate buffers held plus tensor storage held, after the last step's gradient.</param>
/// <param name="EPropAllocatedBytes">e-prop: managed bytes allocated during the whole gradient computation (0: nothing grows with T).</param>
public sealed record UpdateMemory(int SequenceLength, int BatchSize, long BpttBytes, long EPropBytes, long EPropAllocatedBytes);
