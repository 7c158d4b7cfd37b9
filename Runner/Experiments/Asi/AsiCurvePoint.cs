namespace RlFramework.Runner.Experiments.Asi;

/// <summary>One evaluation of a run: after <paramref name="Step"/> training steps and <paramref name="ModelEvaluations"/> training forward passes, the validation label accuracy and the mean training loss since the previous point.</summary>
internal sealed record AsiCurvePoint(int Step, long ModelEvaluations, double Accuracy, double Loss);
