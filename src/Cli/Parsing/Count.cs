using System.Globalization;

namespace Dendra.Cli.Parsing;

/// <summary>Parses neuron counts as users type them: <c>4000</c>, <c>64k</c>, <c>1M</c>, <c>2.5k</c>.</summary>
internal static class Count
{
    /// <summary>Parses one count ≥ 1; <paramref name="error"/> says why the text is not one.</summary>
    public static bool TryParse(string text, out int count, out string error)
    {
        count = 0;
        error = "";
        var trimmed = text.Trim();
        double factor = 1;
        if (trimmed.EndsWith('k') || trimmed.EndsWith('K')) factor = 1e3;
        else if (trimmed.EndsWith('M')) factor = 1e6;
        var number = factor == 1 ? trimmed : trimmed[..^1];
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            error = $"'{text}' is not a count (e.g. 4000, 64k, 1M)";
            return false;
        }
        double scaled = Math.Round(value * factor);
        if (scaled < 1 || scaled > int.MaxValue || Math.Abs(scaled - value * factor) > 1e-6)
        {
            error = $"'{text}' is not a whole number between 1 and {int.MaxValue}";
            return false;
        }
        count = (int)scaled;
        return true;
    }
}
