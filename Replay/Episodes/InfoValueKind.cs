namespace RlFramework.Replay.Episodes;

/// <summary>The type held by an <see cref="InfoValue"/>.</summary>
public enum InfoValueKind
{
    /// <summary>No value (MessagePack nil, Python None).</summary>
    None,
    /// <summary>A boolean.</summary>
    Boolean,
    /// <summary>A 64-bit integer.</summary>
    Integer,
    /// <summary>A 64-bit float.</summary>
    Float,
    /// <summary>A string.</summary>
    String,
}
