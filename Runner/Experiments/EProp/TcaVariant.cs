using RlFramework.Models.EProp;

namespace RlFramework.Runner.Experiments.EProp;

/// <summary>One learner of the TCA comparison.</summary>
/// <param name="Key">Its key on the command line (<c>--variants</c>).</param>
/// <param name="Name">Its name in the table.</param>
/// <param name="EProp">False for BPTT.</param>
/// <param name="Feedback">e-prop learning signal feedback.</param>
/// <param name="ForgetGateBias">Added to the forget-gate biases after init (the 1.8 extension; 0 = off).</param>
/// <param name="Options">e-prop trace options (scaling, echo).</param>
public sealed record TcaVariant(string Key, string Name, bool EProp, LearningSignalFeedback Feedback = LearningSignalFeedback.Symmetric, double ForgetGateBias = 0, EPropOptions? Options = null)
{
    /// <summary>
    /// BPTT, BPTT with extended e-prop's forget-gate init (bias +1.8: it tells the init apart from the learning rule),
    /// symmetric e-prop, random e-prop and extended e-prop (forget-gate bias 1.8 + trace echo λ_echo = <paramref name="traceEcho"/>).
    /// </summary>
    public static IReadOnlyList<TcaVariant> Standard(double traceEcho = 1.0) =>
    [
        new("bptt", "bptt", false),
        new("bptt-bias", "bptt, forget bias +1.8", false, ForgetGateBias: 1.8),
        new("eprop-symmetric", "eprop symmetric", true),
        new("eprop-random", "eprop random", true, LearningSignalFeedback.Random),
        new("eprop-extended", $"eprop extended (bias +1.8, echo λ={traceEcho:G3})", true, ForgetGateBias: 1.8, Options: new EPropOptions(TraceEcho: traceEcho)),
    ];

    /// <summary>
    /// The <see cref="Standard"/> variants whose keys are in <paramref name="only"/> (all of them when it is null or
    /// empty), in the standard order; an unknown key is an error naming it and the known ones.
    /// </summary>
    public static IReadOnlyList<TcaVariant> Select(IReadOnlyCollection<string>? only, double traceEcho = 1.0)
    {
        var all = Standard(traceEcho);
        if (only is null || only.Count == 0) return all;
        if (only.FirstOrDefault(k => all.All(v => v.Key != k)) is { } unknown)
            throw new ArgumentException($"Unknown variant '{unknown}': expected {string.Join(", ", all.Select(v => v.Key))}.");
        return [.. all.Where(v => only.Contains(v.Key))];
    }
}
