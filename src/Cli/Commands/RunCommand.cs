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
        "dendra run examples/cuba.csx --duration 10s --record cuba.dnr",
        "dendra run examples/stdp.csx --duration 20s --record stdp.dnr --record-weights 1s",
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
        var duration = CommonOptions.Time("--duration",
            "Simulated time of each Run(net, ...) in the script, overriding its default: 500ms, 2s, 1e-4 (plain number: seconds).", allowZero: true, alias: "-d");
        var dt = CommonOptions.Time("--dt", "Time step, overriding the script's: 0.1ms, 50us, 1e-4.", allowZero: false);
        var seed = CommonOptions.Seed("Random seed of the network (connectivity, initial values, noise).");
        var threads = CommonOptions.Threads();
        var precision = CommonOptions.Precision();
        var backend = CommonOptions.Backend();
        var device = CommonOptions.Device();
        var set = CommonOptions.Set("Set a script parameter declared with Param(name, default); repeatable. Units allowed: --set tau_m=10ms.");
        var variant = new Option<string?>("--variant", "-V")
        {
            Description = "Run the script as this variant: it reads the name as Variant (see dendra compare --variants).",
            HelpName = "NAME",
        };
        var view = new Option<bool>("--view") { Description = "Show the run in a live window (raster, activity, rates; keys: Space pause, S step, Up/Down speed, P screenshot, Q quit)." };
        var offscreen = new Option<bool>("--offscreen") { Description = "Render without a window, into --frames or --mp4 (the default for those)." };
        var frames = new Option<string?>("--frames") { Description = "Render the run offscreen into PNG frames in this folder.", HelpName = "DIR" };
        var mp4 = new Option<string?>("--mp4") { Description = "Render the run offscreen into an MP4 video (needs ffmpeg).", HelpName = "FILE" };
        var frameInterval = CommonOptions.Time("--frame-interval", "Simulated time between offscreen frames (default 10ms).", allowZero: false);
        var quiet = new Option<bool>("--quiet", "-q")
        {
            Description = "No progress output; only the script's own output and the summary.",
        };

        var record = new Option<string?>("--record", "-r")
        {
            Description = "Record the run into a .dnr file while it goes: spikes and rates of every population, and the variables of the script's state monitors.",
            HelpName = "FILE",
        };
        var recordWeights = CommonOptions.Time("--record-weights",
            "With --record: also snapshot the weight w of every plastic projection (one whose synapse model changes w) every this much simulated time: 1s, 100ms.", allowZero: false);
        var command = new Command("run", "Compile a network script (.csx) and run it.")
        {
            script, scriptArgs, duration, dt, seed, threads, precision, backend, device, set, variant, view, offscreen, frames, mp4, frameInterval, quiet, record,
            recordWeights,
        };
        command.SetAction(parseResult =>
        {
            if (UnknownOptionBeforeDoubleDash(parseResult, scriptArgs) is { } unknown)
                throw new UsageException($"unknown option '{unknown}' for 'dendra run' (to pass it to the script, put it after --: dendra run script.csx -- {unknown})");
            var recordPath = parseResult.GetValue(record) is { Length: > 0 } file ? Path.GetFullPath(file) : null;
            var weightsInterval = parseResult.GetValue(recordWeights);
            if (weightsInterval is not null && recordPath is null)
                throw new UsageException("--record-weights adds weight snapshots to a recording: give the file with --record FILE too");
            var settings = new RunSettings(
                ScriptPath: Path.GetFullPath(parseResult.GetRequiredValue(script)),
                ScriptArgs: parseResult.GetValue(scriptArgs) ?? [],
                Duration: parseResult.GetValue(duration),
                Dt: parseResult.GetValue(dt),
                Seed: parseResult.GetValue(seed),
                Threads: parseResult.GetValue(threads),
                Precision: parseResult.GetValue(precision),
                Parameters: (parseResult.GetValue(set) ?? []).Select(CommonOptions.SplitAssignment).ToList(),
                Quiet: parseResult.GetValue(quiet))
            {
                Variant = parseResult.GetValue(variant),
                Backend = parseResult.GetValue(backend),
                Device = parseResult.GetValue(device),
                RecordPath = recordPath,
                RecordWeightsInterval = weightsInterval,
                Display = DisplaySettings.Resolve(parseResult.GetValue(view), parseResult.GetValue(offscreen), parseResult.GetValue(frames),
                    parseResult.GetValue(mp4), parseResult.GetValue(frameInterval), DisplaySettings.DisplayAvailable),
            };
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
}
