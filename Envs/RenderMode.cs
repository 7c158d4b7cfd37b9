namespace RlFramework.Envs;

/// <summary>The render modes Gymnasium defines, by their Gymnasium names.</summary>
public static class RenderMode
{
    /// <summary>An RGB frame, height × width × 3 bytes, row-major.</summary>
    public const string RgbArray = "rgb_array";
    /// <summary>A text picture (string), possibly with ANSI colour codes.</summary>
    public const string Ansi = "ansi";
    /// <summary>Shown in a window by the env itself (not supported by headless envs).</summary>
    public const string Human = "human";
}
