using System.Globalization;

namespace RlFramework.Replay.Episodes;

/// <summary>A scalar step-info value (bool, integer, float, string or none), as stored in episode files.</summary>
public readonly struct InfoValue : IEquatable<InfoValue>
{
    private readonly long _integer;
    private readonly double _float;
    private readonly string? _string;

    private InfoValue(InfoValueKind kind, long integer = 0, double number = 0, string? text = null)
    {
        Kind = kind;
        _integer = integer;
        _float = number;
        _string = text;
    }

    /// <summary>The value's type.</summary>
    public InfoValueKind Kind { get; }

    /// <summary>The empty value.</summary>
    public static InfoValue None => default;

    /// <summary>Wraps a boolean.</summary>
    public static InfoValue FromBoolean(bool value) => new(InfoValueKind.Boolean, value ? 1 : 0);

    /// <summary>Wraps an integer.</summary>
    public static InfoValue FromInt64(long value) => new(InfoValueKind.Integer, value);

    /// <summary>Wraps a float.</summary>
    public static InfoValue FromDouble(double value) => new(InfoValueKind.Float, number: value);

    /// <summary>Wraps a string (null gives <see cref="None"/>).</summary>
    public static InfoValue FromString(string? value) => value is null ? None : new(InfoValueKind.String, text: value);

    /// <summary>Converts a boolean.</summary>
    public static implicit operator InfoValue(bool value) => FromBoolean(value);

    /// <summary>Converts an integer.</summary>
    public static implicit operator InfoValue(long value) => FromInt64(value);

    /// <summary>Converts an integer.</summary>
    public static implicit operator InfoValue(int value) => FromInt64(value);

    /// <summary>Converts a float.</summary>
    public static implicit operator InfoValue(double value) => FromDouble(value);

    /// <summary>Converts a string.</summary>
    public static implicit operator InfoValue(string? value) => FromString(value);

    /// <summary>The boolean held.</summary>
    public bool AsBoolean() => Kind == InfoValueKind.Boolean ? _integer != 0 : throw Wrong("a boolean");

    /// <summary>The integer held.</summary>
    public long AsInt64() => Kind == InfoValueKind.Integer ? _integer : throw Wrong("an integer");

    /// <summary>The number held (integers are converted).</summary>
    public double AsDouble() => Kind switch
    {
        InfoValueKind.Float => _float,
        InfoValueKind.Integer => _integer,
        _ => throw Wrong("a number"),
    };

    /// <summary>The string held.</summary>
    public string AsString() => Kind == InfoValueKind.String ? _string! : throw Wrong("a string");

    /// <inheritdoc/>
    public bool Equals(InfoValue other) =>
        Kind == other.Kind && _integer == other._integer && _float.Equals(other._float) && _string == other._string;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is InfoValue v && Equals(v);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, _integer, _float, _string);

    /// <summary>Equality.</summary>
    public static bool operator ==(InfoValue left, InfoValue right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(InfoValue left, InfoValue right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        InfoValueKind.None => "None",
        InfoValueKind.Boolean => _integer != 0 ? "True" : "False",
        InfoValueKind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        InfoValueKind.Float => _float.ToString("R", CultureInfo.InvariantCulture),
        _ => _string!,
    };

    private InvalidOperationException Wrong(string expected) => new($"Info value is {Kind} ({this}); expected {expected}.");
}
