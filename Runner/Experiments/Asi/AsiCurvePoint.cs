using RlFramework.Agents.Trainers.Asi;

namespace RlFramework.Runner.Experiments.Asi;

/// <summary>
/// One evaluation of a run: after <paramref name="Step"/> training steps and <paramref name="ModelEvaluations"/>
/// training forward passes, the validation evaluation (accuracy, frames the moving object survives) and the mean
/// training loss since the previous point.
/// </summary>
internal sealed record AsiCurvePoint(int Step, long ModelEvaluations, AsiEvaluation Evaluation, double Loss)
{
    /// <summary>The validation label accuracy.</summary>
    public double Accuracy => Evaluation.Accuracy;
}
