using System.Globalization;
using System.Reflection;

namespace Dendra.Cli.Parsing;

/// <summary>
/// Parses numbers written with a unit, as users type them on the command line: <c>500ms</c>, <c>2s</c>,
/// <c>0.1ms</c>, <c>1e-4</c> (a plain number is in SI units, i.e. seconds for a time), <c>20 mV</c>, <c>1.62*mV</c>.
/// Units are those of <see cref="Units"/> (case-sensitive: <c>ms</c> is milliseconds, <c>mS</c> millisiemens)
/// plus the short forms <c>s</c>, <c>min</c>, <c>µs</c>, <c>ns</c> and <c>V</c>, <c>A</c>, <c>S</c>, <c>F</c>.
/// </summary>
internal static class Quantity
{
    /// <summary>What a unit measures; only <see cref="Time"/> is checked for now.</summary>
    internal enum Dimension
    {
        /// <summary>Anything else (or not known).</summary>
        Other,

        /// <summary>Seconds.</summary>
        Time,
    }

    private static readonly Dictionary<string, (double Factor, Dimension Dimension)> UnitTable = BuildUnitTable();

    /// <summary>Time units accepted by <see cref="TryParseTime"/>, for messages.</summary>
    internal const string TimeUnitList = "s, ms, us (or µs), ns, min";

    /// <summary>Parses a time in seconds; see the class summary for the accepted forms.</summary>
    /// <param name="text">The text as typed.</param>
    /// <param name="seconds">The value in seconds.</param>
    /// <param name="error">Why the text is not a time (without the option name), when it is not.</param>
    internal static bool TryParseTime(string text, out double seconds, out string error)
    {
        seconds = 0;
        if (!TrySplit(text, out var number, out var unit, out error)) return false;
        if (unit.Length == 0)
        {
            seconds = number;
            return true;
        }
        if (!UnitTable.TryGetValue(unit, out var u) || u.Dimension != Dimension.Time)
        {
            error = $"'{text}' is not a time: unknown time unit '{unit}' (use {TimeUnitList}, or a plain number of seconds)";
            return false;
        }
        seconds = number * u.Factor;
        return true;
    }

    /// <summary>Parses a number with an optional unit of any dimension, returning the SI value.</summary>
    /// <param name="text">The text as typed.</param>
    /// <param name="value">The value in SI units.</param>
    /// <param name="error">Why the text is not a number, when it is not.</param>
    internal static bool TryParse(string text, out double value, out string error)
    {
        value = 0;
        if (!TrySplit(text, out var number, out var unit, out error)) return false;
        if (unit.Length == 0)
        {
            value = number;
            return true;
        }
        if (!UnitTable.TryGetValue(unit, out var u))
        {
            error = $"'{text}': unknown unit '{unit}' (known: {string.Join(", ", UnitTable.Keys.Order(StringComparer.Ordinal))})";
            return false;
        }
        value = number * u.Factor;
        return true;
    }

    /// <summary>Formats seconds the way people read them: <c>1 s</c>, <c>200 ms</c>, <c>0.1 ms</c>, <c>50 µs</c>.</summary>
    internal static string FormatTime(double seconds)
    {
        var abs = Math.Abs(seconds);
        if (abs == 0) return "0 s";
        if (abs >= 1) return string.Create(CultureInfo.InvariantCulture, $"{seconds:0.###} s");
        if (abs >= 1e-5) return string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e3:0.###} ms");
        return string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e6:0.###} µs");
    }

    private static bool TrySplit(string text, out double number, out string unit, out string error)
    {
        number = 0;
        unit = "";
        error = "";
        var s = text.Trim();
        if (s.Length == 0)
        {
            error = "the value is empty";
            return false;
        }

        // The longest prefix that parses as a number is the number; the rest (after an optional '*') is the unit.
        int end = NumberPrefixLength(s);
        if (end == 0 || !double.TryParse(s.AsSpan(0, end), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            error = $"'{text}' is not a number";
            return false;
        }
        var rest = s[end..].Trim();
        if (rest.StartsWith('*')) rest = rest[1..].Trim();
        if (!double.IsFinite(number))
        {
            error = $"'{text}' is not a finite number";
            return false;
        }
        unit = rest;
        return true;
    }

    private static int NumberPrefixLength(string s)
    {
        int i = 0;
        if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
        int digitsStart = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        }
        if (i == digitsStart || (i == digitsStart + 1 && s[digitsStart] == '.')) return 0;
        // An exponent only when digits follow it, so that "5e" is not half-eaten and "2s" stays "2" + "s".
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            int j = i + 1;
            if (j < s.Length && (s[j] == '+' || s[j] == '-')) j++;
            if (j < s.Length && char.IsAsciiDigit(s[j]))
            {
                while (j < s.Length && char.IsAsciiDigit(s[j])) j++;
                i = j;
            }
        }
        return i;
    }

    private static Dictionary<string, (double, Dimension)> BuildUnitTable()
    {
        var table = new Dictionary<string, (double, Dimension)>(StringComparer.Ordinal);
        // Every constant of Dendra.Units, so the command line knows the same units as scripts.
        foreach (var field in typeof(Units).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.IsLiteral && field.GetRawConstantValue() is double factor)
                table[field.Name] = (factor, Dimension.Other);
        }
        foreach (var (name, factor) in new[] { ("s", 1.0), ("second", 1.0), ("seconds", 1.0), ("sec", 1.0), ("ms", 1e-3), ("us", 1e-6), ("µs", 1e-6), ("ns", 1e-9), ("min", 60.0), ("minute", 60.0) })
            table[name] = (factor, Dimension.Time);
        foreach (var (name, factor) in new[] { ("V", 1.0), ("A", 1.0), ("S", 1.0), ("F", 1.0), ("Ohm", 1.0) })
            table.TryAdd(name, (factor, Dimension.Other));
        return table;
    }
}
