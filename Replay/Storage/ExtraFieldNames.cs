namespace RlFramework.Replay.Storage;

/// <summary>
/// Checks and looks up the names of a buffer's extra per-transition fields (int32 values stored in columns of their
/// own beside the action, e.g. <c>n_step_horizon</c>, <c>previous_action</c>, <c>task_id</c>).
/// </summary>
internal static class ExtraFieldNames
{
    /// <summary>A copy of <paramref name="names"/> (none when null), each non-empty lower_snake_case and unique.</summary>
    public static string[] Check(IReadOnlyList<string>? names, string parameter)
    {
        if (names is null)
        {
            return [];
        }

        var copy = names.ToArray();
        for (int i = 0; i < copy.Length; i++)
        {
            string name = copy[i] ?? throw new ArgumentNullException(parameter, $"{parameter}[{i}] is null; expected a field name.");
            if (name.Length == 0 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') || !char.IsAsciiLetterLower(name[0]))
            {
                throw new ArgumentException($"{parameter}[{i}] is '{name}'; expected a lower_snake_case name starting with a letter.", parameter);
            }

            if (Array.IndexOf(copy, name) != i)
            {
                throw new ArgumentException($"{parameter} names '{name}' twice; expected unique field names.", parameter);
            }
        }

        return copy;
    }

    /// <summary>The index of <paramref name="name"/> in <paramref name="names"/>; throws naming the known fields when absent.</summary>
    public static int IndexOf(string[] names, string name)
    {
        int index = Array.IndexOf(names, name);
        if (index < 0)
        {
            string known = names.Length == 0 ? "none" : string.Join(", ", names);
            throw new ArgumentException($"There is no extra field '{name}'; the extra fields are: {known}.", nameof(name));
        }

        return index;
    }
}
