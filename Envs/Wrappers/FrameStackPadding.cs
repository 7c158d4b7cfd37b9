namespace RlFramework.Envs.Wrappers;

/// <summary>What fills the stack of <see cref="FrameStackObservation{T, TAct}"/> before enough frames have been seen.</summary>
public enum FrameStackPadding
{
    /// <summary>Copies of the reset observation (Gymnasium's padding_type "reset", the default).</summary>
    Reset,

    /// <summary>Zeros (Gymnasium's padding_type "zero").</summary>
    Zero,
}
