using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Dendra.Cli.Compare;
using Dendra.Cli.Parsing;

namespace Dendra.Cli.Commands;

/// <summary><c>dendra compare &lt;script.csx&gt; --pairing integrator|precision</c>: runs a script several ways and reports how far they differ.</summary>
internal static class CompareCommand
{
    /// <summary>Example lines shown by <c>dendra compare --help</c>.</summary>
    public static readonly string[] Examples =
    [
        "dendra compare examples/cuba.csx --pairing precision --duration 200ms",
        "dendra compare examples/cuba.csx --pairing integrator --tolerance 0.5ms --out cuba-integrators",
        "dendra compare my-net.csx --variants full,fast   (the script builds each by its Variant name)",
    ];

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var script = new Argument<string>("script") { Description = "The network script (.csx) to compare." };
        var pairing = new Option<string>("--pairing", "-p")
        {
            Description = "What to compare: " + string.Join("; ", ComparisonPairings.All.Select(p => $"{p.Name} ({p.Description})")),
            HelpName = string.Join('|', ComparisonPairings.All.Select(p => p.Name)),
        };
        pairing.Validators.Add(r =>
        {
            var text = r.Tokens.Count == 1 ? r.Tokens[0].Value : "";
            if (ComparisonPairings.Find(text) is null)
                r.AddError($"--pairing: '{text}' is not a pairing; use {string.Join(" or ", ComparisonPairings.All.Select(p => p.Name))}");
        });
        var variants = new Option<string[]>("--variants", "-V")
        {
            Description = "Compare the script's own variants instead of a built-in pairing: the script runs once per name with Variant set to it (the first is the reference), e.g. --variants full,fast.",
            HelpName = "a,b,...",
            CustomParser = ParseVariants,
        };
        var duration = CommonOptions.Time("--duration", "Simulated time of each Run(net, ...) in the script, overriding its default.", allowZero: true, alias: "-d");
        var dt = CommonOptions.Time("--dt", "Time step, overriding the script's.", allowZero: false);
        var seed = CommonOptions.Seed("Random seed, the same for every variant (default: the script's).");
        var set = CommonOptions.Set("Set a script parameter declared with Param(name, default); repeatable.");
        var output = new Option<string>("--out", "-o")
        {
            Description = "Folder for report.md and the plots.",
            HelpName = "dir",
            DefaultValueFactory = _ => "dendra-compare",
        };
        var tolerance = CommonOptions.Time("--tolerance", "Largest time difference of two matching spikes (default 1ms).", allowZero: true);

        var command = new Command("compare", "Run a script two (or more) ways and report how far the results differ and what each cost.")
        {
            script, pairing, variants, duration, dt, seed, set, output, tolerance,
        };
        command.SetAction(parseResult =>
        {
            var names = parseResult.GetValue(variants) is { Length: > 0 } given ? given : null;
            var pairingName = parseResult.GetValue(pairing);
            if ((names is null) == (pairingName is null))
                throw new UsageException("give either --pairing (" + string.Join(", ", ComparisonPairings.All.Select(p => p.Name)) + ") or --variants a,b (the script's own variants)");
            var chosen = names is not null ? ComparisonPairings.FromScript(names) : ComparisonPairings.Find(pairingName!)!;
            var settings = new RunSettings(
                ScriptPath: Path.GetFullPath(parseResult.GetRequiredValue(script)),
                ScriptArgs: [],
                Duration: parseResult.GetValue(duration),
                Dt: parseResult.GetValue(dt),
                Seed: parseResult.GetValue(seed),
                Threads: null,
                Precision: null,
                Parameters: (parseResult.GetValue(set) ?? []).Select(CommonOptions.SplitAssignment).ToList(),
                Quiet: true);
            var commandLine = "dendra " + string.Join(' ', parseResult.Tokens.Select(t => t.Value.Contains(' ', StringComparison.Ordinal) ? $"\"{t.Value}\"" : t.Value));
            return Execute(context, chosen, settings, Path.GetFullPath(parseResult.GetValue(output) ?? "dendra-compare"),
                parseResult.GetValue(tolerance) ?? 1e-3, commandLine);
        });
        return command;
    }

    private static int Execute(CliContext context, IComparisonPairing pairing, RunSettings settings, string outDir, double tolerance, string commandLine)
    {
        var runs = new List<VariantRun>();
        foreach (var variant in pairing.Variants)
        {
            context.Error.WriteLine($"running {variant.Name} ({variant.Description}) ...");
            var (run, exit) = VariantRun.Execute(settings, variant, context.Error);
            if (run is null) return exit;
            runs.Add(run);
        }
        if (runs.All(r => r.Populations.Count == 0)) return ExecuteLearners(context, runs, settings.ScriptPath, outDir, commandLine);
        foreach (var run in runs.Skip(1))
        {
            // Populations are paired by name and size; say which could not be, rather than leave them out silently.
            foreach (var p in runs[0].Populations.Where(p => !run.Populations.Any(o => o.Name == p.Name && o.Size == p.Size)))
                context.Error.WriteLine($"warning: population '{p.Name}' ({p.Size} neurons) of {runs[0].Variant.Name} has no population of that name and size in {run.Variant.Name}; it is not compared");
        }

        var rows = runs.Skip(1).SelectMany(r => Comparison.Compare(runs[0], r, tolerance))
            .OrderBy(r => runs[0].Populations.ToList().FindIndex(p => p.Name == r.Population)).ToList();

        Directory.CreateDirectory(outDir);
        var plots = ComparePlots.Write(outDir, runs);
        var reportPath = Path.Combine(outDir, "report.md");
        File.WriteAllText(reportPath, Comparison.Markdown(pairing, commandLine, settings.ScriptPath, runs, rows, tolerance, plots));

        var o = context.Out;
        var reference = runs[0];
        o.WriteLine($"compare {Path.GetFileName(settings.ScriptPath)}: {pairing.Name}, reference {reference.Variant.Name}, seed {reference.Seed}, simulated {Comparison.Format(reference.SimulatedSeconds * 1e3)} ms, tolerance {Comparison.Format(tolerance * 1e3)} ms");
        o.WriteLine();
        o.WriteLine($"{"variant",-10} {"build s",9} {"run s",9}");
        foreach (var run in runs) o.WriteLine($"{run.Variant.Name,-10} {Comparison.Format(run.BuildSeconds, "0.000"),9} {Comparison.Format(run.RunSeconds, "0.000"),9}");
        o.WriteLine();
        o.WriteLine($"{"population",-12} {"variant",-10} {"rate Hz",9} {"ref Hz",9} {"rate diff",10} {"matched",8} {"reverse",8} {"vanRossum",10} {"RMS state",12}");
        foreach (var r in rows)
        {
            o.WriteLine($"{r.Population,-12} {r.Variant,-10} {Comparison.Format(r.VariantRate, "0.###"),9} {Comparison.Format(r.ReferenceRate, "0.###"),9} {Comparison.Percent(r.RelativeRateDifference),10} {Comparison.Format(r.MatchedOfReference, "0.###"),8} {Comparison.Format(r.MatchedOfVariant, "0.###"),8} {Comparison.Format(r.VanRossum, "0.###"),10} {Comparison.FormatState(r.StateVariable, r.StateRms),12}");
        }
        o.WriteLine();
        o.WriteLine($"report: {reportPath}");
        foreach (var plot in plots) o.WriteLine($"plot:   {plot}");
        return ExitCodes.Success;
    }

    /// <summary>The comparison of a script that trains learners (Learn(...)) and runs no network.</summary>
    private static int ExecuteLearners(CliContext context, List<VariantRun> runs, string scriptPath, string outDir, string commandLine)
    {
        var rows = LearnerComparison.Compare(runs);
        Directory.CreateDirectory(outDir);
        var plots = LearnerComparison.WritePlots(outDir, rows);
        var reportPath = Path.Combine(outDir, "report.md");
        File.WriteAllText(reportPath, LearnerComparison.Markdown(commandLine, scriptPath, runs, rows, plots));
        LearnerComparison.Print(context.Out, Path.GetFileName(scriptPath), runs, rows);
        context.Out.WriteLine();
        context.Out.WriteLine($"report: {reportPath}");
        foreach (var plot in plots) context.Out.WriteLine($"plot:   {plot}");
        return ExitCodes.Success;
    }

    private static string[] ParseVariants(ArgumentResult result)
    {
        var names = result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        foreach (var name in names)
        {
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                result.AddError($"--variants: '{name}' is not a variant name (letters, digits, '-' and '_')");
        }
        if (names.Length < 2) result.AddError("--variants: name at least two variants, the reference first (e.g. --variants full,fast)");
        foreach (var repeated in names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
            result.AddError($"--variants: '{repeated.Key}' is named more than once");
        return names;
    }
}
