namespace RlFramework.Runner.Runs;

/// <summary>A committed checkpoint: the step it was taken at and its folder (<c>step-000000001000</c>).</summary>
/// <param name="Step">The training step the state belongs to.</param>
/// <param name="Path">The checkpoint's folder (full path); the files the training loop wrote plus <c>manifest.json</c>.</param>
public sealed record Checkpoint(long Step, string Path);
