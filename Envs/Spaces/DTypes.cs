namespace RlFramework.Envs.Spaces;

/// <summary>NumPy's names for .NET element types.</summary>
public static class DTypes
{
    /// <summary>The NumPy dtype name of <typeparamref name="T"/> (float32 for float, uint8 for byte, ...).</summary>
    public static string NameOf<T>() => typeof(T) switch
    {
        var t when t == typeof(float) => "float32",
        var t when t == typeof(double) => "float64",
        var t when t == typeof(Half) => "float16",
        var t when t == typeof(byte) => "uint8",
        var t when t == typeof(sbyte) => "int8",
        var t when t == typeof(short) => "int16",
        var t when t == typeof(ushort) => "uint16",
        var t when t == typeof(int) => "int32",
        var t when t == typeof(uint) => "uint32",
        var t when t == typeof(long) => "int64",
        var t when t == typeof(ulong) => "uint64",
        var t => t.Name,
    };
}
