namespace RlFramework.Runner.Runs;

/// <summary>
/// Picks the known names closest to a mistyped one for "did you mean" messages: names the text is a prefix of first,
/// then by the Sørensen–Dice overlap of character pairs (robust to the long, dash-separated run ids, where edit distance is dominated by length).
/// </summary>
internal static class CloseMatches
{
    /// <summary>Up to <paramref name="count"/> names from <paramref name="known"/>, closest first.</summary>
    public static IReadOnlyList<string> Find(string text, IEnumerable<string> known, int count = 3)
    {
        var wanted = Pairs(text);
        return known
            .Select(name => (Name: name, Prefix: name.StartsWith(text, StringComparison.OrdinalIgnoreCase), Score: Dice(wanted, Pairs(name))))
            .OrderByDescending(m => m.Prefix)
            .ThenByDescending(m => m.Score)
            .ThenBy(m => m.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(m => m.Name)
            .ToList();
    }

    private static Dictionary<(char, char), int> Pairs(string text)
    {
        var lower = text.ToLowerInvariant();
        var pairs = new Dictionary<(char, char), int>();
        for (int i = 0; i + 1 < lower.Length; i++)
        {
            var pair = (lower[i], lower[i + 1]);
            pairs[pair] = pairs.GetValueOrDefault(pair) + 1;
        }

        return pairs;
    }

    private static double Dice(Dictionary<(char, char), int> a, Dictionary<(char, char), int> b)
    {
        int total = a.Values.Sum() + b.Values.Sum();
        if (total == 0)
        {
            return 0;
        }

        int shared = a.Sum(kv => Math.Min(kv.Value, b.GetValueOrDefault(kv.Key)));
        return 2.0 * shared / total;
    }
}
