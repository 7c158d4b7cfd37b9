using System.Globalization;

namespace RlFramework.Envs.Classic;

/// <summary>The reset options of the classic-control envs, read as Gymnasium's <c>classic_control/utils.py</c> reads them.</summary>
internal static class ResetOptions
{
    /// <summary>The "low"/"high" options (Gymnasium's <c>maybe_parse_reset_bounds</c>), or the defaults when absent.</summary>
    /// <exception cref="ArgumentException">An option is not a number, or low is greater than high.</exception>
    public static (double Low, double High) Bounds(IReadOnlyDictionary<string, object?>? options, double defaultLow, double defaultHigh)
    {
        double low = Number(options, "low", defaultLow), high = Number(options, "high", defaultHigh);
        if (low > high)
            throw new ArgumentException($"Reset option low ({low}) must not be greater than high ({high}).", nameof(options));
        return (low, high);
    }

    /// <summary>The option <paramref name="key"/> as a number (Gymnasium's <c>verify_number_and_cast</c>), or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="ArgumentException">The option is not a number.</exception>
    public static double Number(IReadOnlyDictionary<string, object?>? options, string key, double fallback)
    {
        if (options is null || !options.TryGetValue(key, out var value) || value is null) return fallback;
        try
        {
            double number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            if (double.IsNaN(number)) throw new FormatException();
            return number;
        }
        catch (Exception e) when (e is FormatException or InvalidCastException)
        {
            throw new ArgumentException($"Reset option '{key}' = '{value}' is not a number.", nameof(options), e);
        }
    }
}
