namespace RlFramework.Agents.Trainers.Asi;

/// <summary>An evaluation of the dynamics model on validation clips (<see cref="AsiTrainer.Evaluate"/>), each figure a mean over the clips.</summary>
/// <param name="Accuracy">The label accuracy of the rollouts (fair or strict, as the config says).</param>
/// <param name="ObjectFrames">Predicted frames before the first that no longer shows the moving object (the whole rollout if none).</param>
/// <param name="RolloutSteps">Predicted frames per rollout.</param>
public readonly record struct AsiEvaluation(double Accuracy, double ObjectFrames, double RolloutSteps);
