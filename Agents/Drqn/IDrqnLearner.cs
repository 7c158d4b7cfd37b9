namespace RlFramework.Agents.Drqn;

/// <summary>One gradient step of a <see cref="DrqnNetwork"/> on a <see cref="DrqnBatch"/> whose targets are set.</summary>
public interface IDrqnLearner
{
    /// <summary>Computes the gradient, steps the optimizer and returns the TD loss (mean squared error over the counted steps) and the mean predicted Q.</summary>
    (double Loss, double MeanQ) Update(DrqnBatch batch);
}
