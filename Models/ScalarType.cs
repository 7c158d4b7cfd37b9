namespace RlFramework.Models;

/// <summary>Element types (this engine stores float32 only).</summary>
public enum ScalarType
{
    /// <summary>32-bit IEEE float.</summary>
    Float32,
}
