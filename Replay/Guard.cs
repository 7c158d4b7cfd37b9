namespace RlFramework.Replay;

/// <summary>Argument checks with messages that name the value and what was expected.</summary>
internal static class Guard
{
    public static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Expected {name} > 0.");
        }
    }

    public static void Length(int actual, long expected, string name, string what)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has length {actual}; expected {expected} ({what}).", name);
        }
    }

    public static void ActionType<TAction>()
    {
        Type t = typeof(TAction);
        if (t != typeof(int) && t != typeof(float) && t != typeof(long) && t != typeof(double))
        {
            throw new NotSupportedException($"Action type {t.Name} is not supported; expected int, long, float or double.");
        }
    }
}
