namespace RlFramework.Runner.Training;

/// <summary>Published after every iteration of the loop (one step of every env).</summary>
/// <param name="Step">Env steps so far, summed over envs.</param>
/// <param name="Iteration">Iterations so far.</param>
/// <param name="Epsilon">The agent's exploration rate.</param>
public readonly record struct StepEvent(long Step, long Iteration, double Epsilon);
