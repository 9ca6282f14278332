using System.Globalization;

namespace Dendra.Cli.Parsing;

/// <summary>Converts the text of a <c>--set name=value</c> to the type a script asks for.</summary>
internal static class ParameterValue
{
    /// <summary>Types <see cref="TryConvert"/> understands, for messages.</summary>
    internal const string SupportedTypes = "int, long, double, float, bool, string, or an enum";

    /// <summary>True when <paramref name="type"/> can be given with <c>--set</c>.</summary>
    internal static bool IsSupported(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(float)
        || type == typeof(bool) || type == typeof(string) || type.IsEnum;

    /// <summary>Converts <paramref name="text"/> to <paramref name="type"/>.</summary>
    /// <param name="text">The value as typed after <c>name=</c>.</param>
    /// <param name="type">The type of the script's default value.</param>
    /// <param name="value">The converted value.</param>
    /// <param name="error">What was expected, when the text does not convert.</param>
    internal static bool TryConvert(string text, Type type, out object? value, out string error)
    {
        value = null;
        error = "";
        var s = text.Trim();
        if (type == typeof(string))
        {
            value = text;
            return true;
        }
        if (type == typeof(int) || type == typeof(long))
        {
            if (!TryParseInteger(s, out var l) || (type == typeof(int) && (l < int.MinValue || l > int.MaxValue)))
            {
                error = type == typeof(int) ? "an integer" : "a (long) integer";
                return false;
            }
            value = type == typeof(int) ? (object)(int)l : l;
            return true;
        }
        if (type == typeof(double) || type == typeof(float))
        {
            if (!Quantity.TryParse(s, out var d, out var why))
            {
                error = $"a number, optionally with a unit such as 20ms or -65mV ({why})";
                return false;
            }
            value = type == typeof(float) ? (object)(float)d : d;
            return true;
        }
        if (type == typeof(bool))
        {
            switch (s.ToUpperInvariant())
            {
                case "TRUE" or "YES" or "ON" or "1":
                    value = true;
                    return true;
                case "FALSE" or "NO" or "OFF" or "0":
                    value = false;
                    return true;
                default:
                    error = "true or false";
                    return false;
            }
        }
        if (type.IsEnum)
        {
            if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                && Enum.TryParse(type, s, ignoreCase: true, out var e))
            {
                value = e;
                return true;
            }
            error = $"one of {string.Join(", ", Enum.GetNames(type))}";
            return false;
        }
        error = $"a value of a supported type ({SupportedTypes}); {type.Name} is not one";
        return false;
    }

    /// <summary>Formats a value the way it would be typed after <c>--set name=</c>.</summary>
    internal static string Format(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool TryParseInteger(string s, out long value)
    {
        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return true;
        // Also 4e3 or 1_000 style input, as long as it is a whole number.
        var cleaned = s.Replace("_", "", StringComparison.Ordinal);
        if (long.TryParse(cleaned, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return true;
        if (double.TryParse(cleaned, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) < 9.2e18)
        {
            value = (long)d;
            return true;
        }
        return false;
    }
}
