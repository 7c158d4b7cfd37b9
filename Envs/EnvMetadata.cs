namespace RlFramework.Envs;

/// <summary>An env's static metadata: the render modes it supports and the frame rate its renders play at.</summary>
/// <param name="RenderModes">The supported render modes (see <see cref="RenderMode"/>).</param>
/// <param name="RenderFps">Frames per second a rendered episode plays at; null when the env does not say.</param>
public sealed record EnvMetadata(IReadOnlyList<string> RenderModes, int? RenderFps)
{
    /// <summary>Metadata of an env that cannot render.</summary>
    public static EnvMetadata None { get; } = new([], null);
}
