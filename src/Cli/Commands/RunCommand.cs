using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Dendra.Cli.Parsing;
using Dendra.Cli.Reporting;
using Dendra.Cli.Scripting;
using Dendra.Simulator.Graph;

namespace Dendra.Cli.Commands;

/// <summary><c>dendra run &lt;script.csx&gt;</c>: compiles a network script and runs it.</summary>
internal static class RunCommand
{
    /// <summary>Example lines shown by <c>dendra run --help</c>.</summary>
    public static readonly string[] Examples =
    [
        "dendra run examples/cuba.csx",
        "dendra run examples/cuba.csx --duration 200ms --dt 0.05ms --seed 7",
        "dendra run examples/cuba.csx --set N=8000 --set synapsesPerNeuron=80 --threads 2 --quiet",
        "dendra run net.csx --precision double --set tau_m=10ms -- extra args for the script",
    ];

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var script = new Argument<string>("script")
        {
            Description = "The network script (.csx) to run.",
        };
        var scriptArgs = new Argument<string[]>("args")
        {
            Description = "Arguments for the script, available to it as Args.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var duration = new Option<double?>("--duration", "-d")
        {
            Description = "Simulated time of each Run(net, ...) in the script, overriding its default: 500ms, 2s, 1e-4 (plain number: seconds).",
            HelpName = "time",
            CustomParser = r => ParseTime(r, "--duration", allowZero: true),
        };
        var dt = new Option<double?>("--dt")
        {
            Description = "Time step, overriding the script's: 0.1ms, 50us, 1e-4.",
            HelpName = "time",
            CustomParser = r => ParseTime(r, "--dt", allowZero: false),
        };
        var seed = new Option<ulong?>("--seed")
        {
            Description = "Random seed of the network (connectivity, initial values, noise).",
            HelpName = "N",
            CustomParser = ParseSeed,
        };
        var threads = new Option<int?>("--threads", "-j")
        {
            Description = "Worker threads (default: all cores). Results do not depend on it.",
            HelpName = "N",
            CustomParser = ParseThreads,
        };
        var precision = new Option<Precision?>("--precision")
        {
            Description = "Floating-point precision of the simulation: single or double.",
            HelpName = "single|double",
            CustomParser = ParsePrecision,
        };
        var set = new Option<string[]>("--set", "-s")
        {
            Description = "Set a script parameter declared with Param(name, default); repeatable. Units allowed: --set tau_m=10ms.",
            HelpName = "name=value",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        set.Validators.Add(ValidateSet);
        var quiet = new Option<bool>("--quiet", "-q")
        {
            Description = "No progress output; only the script's own output and the summary.",
        };

        var command = new Command("run", "Compile a network script (.csx) and run it.")
        {
            script, scriptArgs, duration, dt, seed, threads, precision, set, quiet,
        };
        command.SetAction(parseResult =>
        {
            if (UnknownOptionBeforeDoubleDash(parseResult, scriptArgs) is { } unknown)
                throw new UsageException($"unknown option '{unknown}' for 'dendra run' (to pass it to the script, put it after --: dendra run script.csx -- {unknown})");
            var settings = new RunSettings(
                ScriptPath: Path.GetFullPath(parseResult.GetRequiredValue(script)),
                ScriptArgs: parseResult.GetValue(scriptArgs) ?? [],
                Duration: parseResult.GetValue(duration),
                Dt: parseResult.GetValue(dt),
                Seed: parseResult.GetValue(seed),
                Threads: parseResult.GetValue(threads),
                Precision: parseResult.GetValue(precision),
                Parameters: (parseResult.GetValue(set) ?? []).Select(SplitAssignment).ToList(),
                Quiet: parseResult.GetValue(quiet));
            var reporter = new RunReporter(context.Out, context.Error, settings.Quiet);
            return new ScriptHost(context.Error).Run(settings, reporter);
        });
        return command;
    }

    /// <summary>
    /// The first script argument that looks like an option but came before <c>--</c>: most likely a mistyped
    /// dendra option (<c>--durration</c>) that would otherwise reach the script silently.
    /// </summary>
    private static string? UnknownOptionBeforeDoubleDash(ParseResult parseResult, Argument<string[]> scriptArgs)
    {
        if (parseResult.GetResult(scriptArgs) is not { } argsResult) return null;
        var argTokens = new HashSet<Token>(argsResult.Tokens, ReferenceEqualityComparer.Instance);
        foreach (var token in parseResult.Tokens)
        {
            if (token.Type == TokenType.DoubleDash) return null;
            if (argTokens.Contains(token) && token.Value.Length > 1 && token.Value[0] == '-'
                && !double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                return token.Value;
        }
        return null;
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
                return Precision.Single;
            case "DOUBLE" or "FLOAT64" or "F64":
                return Precision.Double;
            default:
                result.AddError($"--precision: '{text}' is not a precision; use single or double");
                return null;
        }
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

    private static KeyValuePair<string, string> SplitAssignment(string text)
    {
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        return new(text[..eq].Trim(), text[(eq + 1)..]);
    }
}
