namespace RlFramework.Models.EProp;

/// <summary>
/// The extensions of e-prop for LSTMs (Hoyer et al. 2022) that change the traces; each is off at its default.
/// The forget-gate bias init, the third extension, is <c>EPropLstm.AddForgetGateBias</c> (+1.8 over the usual init).
/// </summary>
/// <param name="TraceScaling">κ in (0, 1]: the eligibility vectors' update is scaled, ε(t) = f(t) ε(t-1) + κ ψ(t) p(t).
/// 1 is plain e-prop; small values (1e-1 .. 1e-3) shift learning toward the output gate and the readout.</param>
/// <param name="TraceEcho">λ_echo ≥ 0: at a sequence's final step T the gradient gets the extra term
/// λ_echo L_j(T) Σ_t e_ji(t) (all traces summed over the sequence), so g_ji = L_j(T) (e_ji(T) + λ_echo Σ_t e_ji(t)) in
/// final-step mode. 0 is plain e-prop (and keeps no trace sum).</param>
public sealed record EPropOptions(double TraceScaling = 1.0, double TraceEcho = 0.0)
{
    /// <summary>Throws when a value is out of its range; the message names it.</summary>
    public void Validate()
    {
        if (!(TraceScaling > 0 && TraceScaling <= 1))
            throw new ArgumentException($"e-prop trace scaling κ = {TraceScaling} is invalid: expected a number in (0, 1].");
        if (!(TraceEcho >= 0 && double.IsFinite(TraceEcho)))
            throw new ArgumentException($"e-prop trace echo λ_echo = {TraceEcho} is invalid: expected a finite number ≥ 0.");
    }
}
