namespace RlFramework.Agents.Trainers.Planning;

/// <summary>How the planning agent's two modules are trained.</summary>
public enum TrainingScheme
{
    /// <summary>Per episode: one planning step on the selector, run a sampled program, update the world model on its transitions.</summary>
    EndToEnd,
    /// <summary>First the world model from random programs until its error is below tolerance, then the selector against the frozen model.</summary>
    Decomposed,
}
