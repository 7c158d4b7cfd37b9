namespace RlFramework.Models.EProp;

/// <summary>How e-prop carries the output error back to the hidden units: L_j(t) = Σ_k B_jk (y_k(t) - y*_k(t)).</summary>
public enum LearningSignalFeedback
{
    /// <summary>Symmetric e-prop: B is the readout's weight matrix transposed (the true readout weights at each step).</summary>
    Symmetric,
    /// <summary>Random e-prop: B is a fixed random matrix, drawn once like the readout weights.</summary>
    Random,
}
