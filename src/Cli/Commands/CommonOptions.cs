using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Dendra.Cli.Parsing;
using Dendra.Simulator.Graph;

namespace Dendra.Cli.Commands;

/// <summary>The options several subcommands share (times with units, the seed, <c>--set</c>), parsed and checked one way.</summary>
internal static class CommonOptions
{
    /// <summary>A time option (<c>500ms</c>, <c>2s</c>, <c>1e-4</c>); negative, and zero unless allowed, are errors.</summary>
    public static Option<double?> Time(string name, string description, bool allowZero, string? alias = null)
    {
        var option = alias is null ? new Option<double?>(name) : new Option<double?>(name, alias);
        option.Description = description;
        option.HelpName = "time";
        option.CustomParser = r => ParseTime(r, name, allowZero);
        return option;
    }

    /// <summary><c>--seed N</c>, a whole number ≥ 0.</summary>
    public static Option<ulong?> Seed(string description) => new("--seed")
    {
        Description = description,
        HelpName = "N",
        CustomParser = ParseSeed,
    };

    /// <summary><c>--threads N</c> (<c>-j</c>), a whole number ≥ 1.</summary>
    public static Option<int?> Threads() => new("--threads", "-j")
    {
        Description = "Worker threads (default: all cores). Results do not depend on it.",
        HelpName = "N",
        CustomParser = ParseThreads,
    };

    /// <summary><c>--precision single|double</c>.</summary>
    public static Option<Precision?> Precision() => new("--precision")
    {
        Description = "Floating-point precision of the simulation: single or double.",
        HelpName = "single|double",
        CustomParser = ParsePrecision,
    };

    /// <summary><c>--backend cpu|opencl|auto</c>.</summary>
    public static Option<Backend?> Backend() => new("--backend")
    {
        Description = "Where the network runs: cpu (default), opencl (fails without an OpenCL device) or auto (with an OpenCL device, populations of 100 000 neurons or more on it and the rest on the CPU).",
        HelpName = "cpu|opencl|auto",
        CustomParser = ParseBackend,
    };

    /// <summary><c>--device N|name</c>: the OpenCL device.</summary>
    public static Option<string?> Device() => new("--device")
    {
        Description = "OpenCL device: its number in 'dendra devices', a type (gpu, cpu) or part of its device, platform or vendor name, e.g. pocl (default: the first GPU, else the first device).",
        HelpName = "N|name",
    };

    /// <summary><c>--set name=value</c>, repeatable; each name at most once.</summary>
    public static Option<string[]> Set(string description)
    {
        var option = new Option<string[]>("--set", "-s")
        {
            Description = description,
            HelpName = "name=value",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        option.Validators.Add(ValidateSet);
        return option;
    }

    /// <summary>Splits a validated <c>name=value</c>.</summary>
    public static KeyValuePair<string, string> SplitAssignment(string text)
    {
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        return new(text[..eq].Trim(), text[(eq + 1)..]);
    }

    private static double? ParseTime(ArgumentResult result, string option, bool allowZero)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (!Quantity.TryParseTime(text, out var seconds, out var error))
        {
            result.AddError($"{option}: {error}");
            return null;
        }
        if (seconds < 0 || (!allowZero && seconds == 0))
        {
            result.AddError($"{option}: the time must be {(allowZero ? "≥ 0" : "positive")}, got '{text}'");
            return null;
        }
        return seconds;
    }

    private static ulong? ParseSeed(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed)) return seed;
        result.AddError($"--seed: '{text}' is not a whole number ≥ 0");
        return null;
    }

    private static int? ParseThreads(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1) return n;
        result.AddError($"--threads: '{text}' is not a whole number ≥ 1");
        return null;
    }

    private static Precision? ParsePrecision(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        switch (text.Trim().ToUpperInvariant())
        {
            case "SINGLE" or "FLOAT" or "FLOAT32" or "F32":
                return Simulator.Graph.Precision.Single;
            case "DOUBLE" or "FLOAT64" or "F64":
                return Simulator.Graph.Precision.Double;
            default:
                result.AddError($"--precision: '{text}' is not a precision; use single or double");
                return null;
        }
    }

    private static Backend? ParseBackend(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Enum.TryParse<Simulator.Graph.Backend>(text.Trim(), ignoreCase: true, out var backend) && !int.TryParse(text, out _)) return backend;
        result.AddError($"--backend: '{text}' is not a backend; use cpu, opencl or auto");
        return null;
    }

    private static void ValidateSet(OptionResult result)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in result.Tokens)
        {
            var text = token.Value;
            int eq = text.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? text[..eq].Trim() : "";
            if (eq <= 0 || name.Length == 0 || name.Any(char.IsWhiteSpace))
            {
                result.AddError($"--set: '{text}' is not name=value (e.g. --set N=4000 or --set tau_m=10ms)");
                continue;
            }
            if (!seen.Add(name)) result.AddError($"--set: '{name}' is given more than once");
        }
    }
}
