using System.Diagnostics;
using System.Globalization;
using Dendra.Cli.Parsing;
using Dendra.Simulator.Graph;
using Spectre.Console;

namespace Dendra.Cli.Reporting;

/// <summary>
/// Everything <c>dendra run</c> tells the user about a run: progress (on stderr, unless quiet) and the
/// summary table (on stdout). On a terminal, progress is a live Spectre.Console bar (for runs longer than about a
/// second) and the summary a Spectre table; otherwise (redirected, <c>CI=true</c>, <c>TERM=dumb</c>) both are
/// plain text: a progress line about every 10% and an aligned table.
/// </summary>
internal sealed class RunReporter
{
    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private readonly bool _quiet;
    private readonly bool _richOutput;
    private readonly bool _liveProgress;
    private readonly Stopwatch _runClock = new();
    private int _nextDecile;
    private double _dt;
    private LiveRunProgress? _live;
    private int? _threads;
    private Precision? _precision;

    /// <summary>Creates a reporter writing results to <paramref name="output"/> and progress to <paramref name="error"/>;
    /// each is treated as a terminal when it is the console's own writer and not redirected.</summary>
    public RunReporter(TextWriter output, TextWriter error, bool quiet)
        : this(output, error, quiet, IsConsoleTerminal(output), IsConsoleTerminal(error), Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Creates a reporter that treats both writers as terminals or not, as <paramref name="isTerminal"/> says.</summary>
    internal RunReporter(TextWriter output, TextWriter error, bool quiet, bool isTerminal)
        : this(output, error, quiet, isTerminal, isTerminal, Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Creates a reporter; <paramref name="environment"/> reads environment variables (<c>CI</c>, <c>TERM</c>).</summary>
    internal RunReporter(TextWriter output, TextWriter error, bool quiet, bool outputIsTerminal, bool errorIsTerminal, Func<string, string?> environment)
    {
        _out = output;
        _err = error;
        _quiet = quiet;
        bool plain = IsPlainEnvironment(environment);
        _richOutput = outputIsTerminal && !plain;
        _liveProgress = errorIsTerminal && !plain && !quiet;
    }

    /// <summary>True when progress is a live bar; false for plain lines (or none, when quiet).</summary>
    internal bool LiveProgress => _liveProgress;

    /// <summary>True when the summary is a Spectre table; false for the plain aligned text.</summary>
    internal bool RichSummary => _richOutput;

    /// <summary>True when the environment asks for plain output whatever the terminal: <c>CI=true</c> (or 1), <c>TERM=dumb</c>.</summary>
    internal static bool IsPlainEnvironment(Func<string, string?> environment)
    {
        var ci = environment("CI")?.Trim();
        if (string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || ci == "1") return true;
        return string.Equals(environment("TERM")?.Trim(), "dumb", StringComparison.Ordinal);
    }

    /// <summary>True when <paramref name="writer"/> is the console's stdout or stderr and that is not redirected.</summary>
    internal static bool IsConsoleTerminal(TextWriter writer)
    {
        if (ReferenceEquals(writer, Console.Out)) return !Console.IsOutputRedirected;
        if (ReferenceEquals(writer, Console.Error)) return !Console.IsErrorRedirected;
        return false;
    }

    /// <summary>The script compiled.</summary>
    public void ScriptCompiled(string path, TimeSpan elapsed)
    {
        if (_quiet) return;
        _err.WriteLine(Invariant($"compiled {Path.GetFileName(path)} in {elapsed.TotalSeconds:0.00} s"));
    }

    /// <summary>The network was built (compiled to kernels, connectivity drawn).</summary>
    public void NetworkBuilt(Network network, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(network);
        _threads = network.Threads;
        _precision = network.Precision;
        if (_quiet) return;
        long neurons = network.Populations.Sum(p => (long)p.Size);
        _err.WriteLine(Invariant($"built {network.Populations.Count} population(s), {neurons} neurons, {network.Projections.Count} projection(s) in {elapsed.TotalSeconds:0.00} s ({network.Precision}, {network.Threads} thread(s))"));
    }

    /// <summary>A run of <paramref name="steps"/> steps starts.</summary>
    public void RunStarting(double duration, long steps, double dt)
    {
        _nextDecile = 1;
        _dt = dt;
        _live?.Stop();
        _live = null;
        _runClock.Restart();
        if (_quiet) return;
        _err.WriteLine(Invariant($"running {Quantity.FormatTime(duration)} ({steps} steps of {Quantity.FormatTime(dt)})"));
        if (_liveProgress) _live = LiveRunProgress.Start(CreateConsole(_err, terminal: true), _err, steps, dt);
    }

    /// <summary>A progress callback for a training run (<c>Trainer.Run</c>): a live bar on a terminal, plain lines every two
    /// seconds and at each epoch's end otherwise, nothing when quiet.</summary>
    public Action<Learning.Training.TrainingProgress> TrainingProgress()
    {
        if (_quiet) return _ => { };
        if (_liveProgress) return LiveTrainingProgress.Reporter(() => CreateConsole(_err, terminal: true), _err);
        return new Learning.Training.TrainingProgressLines(_err).Report;
    }

    /// <summary>Progress of the running simulation (called about every 1%).</summary>
    public void Progress(RunProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (_live is { } live)
        {
            live.Report(progress);
            return;
        }
        if (_quiet || progress.StepsTotal <= 0) return;
        long percent = progress.StepsDone * 100 / progress.StepsTotal;
        if (percent < _nextDecile * 10) return;
        _nextDecile = (int)(percent / 10) + 1;
        double wall = _runClock.Elapsed.TotalSeconds;
        var line = Invariant($"  {percent,3}%  t = {Quantity.FormatTime(progress.Time)}, {progress.Spikes} spikes, {wall:0.0} s");
        // Speed and time left, as the live bar shows them, once there is a wall time to measure them by.
        if (wall > 0 && progress.StepsDone > 0)
        {
            double simulatedThisRun = progress.StepsDone * _dt;
            line += Invariant($", {simulatedThisRun / wall:0.00}× real time");
            if (progress.StepsDone < progress.StepsTotal)
                line += Invariant($", ETA {wall * (progress.StepsTotal - progress.StepsDone) / progress.StepsDone:0.0} s");
        }
        _err.WriteLine(line);
    }

    /// <summary>A run finished: prints the summary table.</summary>
    public void RunFinished(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        _live?.Stop();
        _live = null;
        if (_richOutput)
        {
            RichSummaryTable(summary);
            return;
        }
        var rows = summary.Populations.Select(p => new[]
        {
            p.Name,
            Invariant($"{p.Neurons}"),
            Invariant($"{p.Spikes}"),
            p.MeanRateHz is { } r ? Invariant($"{r:0.00}") : "n/a",
        }).ToList();
        var header = new[] { "population", "neurons", "spikes", "mean rate (Hz)" };
        var widths = header.Select((h, c) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[c].Length))).ToArray();

        _out.WriteLine();
        _out.WriteLine(Invariant($"simulated {Quantity.FormatTime(summary.SimulatedSeconds)} ({summary.Steps} steps of {Quantity.FormatTime(summary.Dt)}){summary.Instances}"));
        _out.WriteLine(FormatRow(header, widths));
        _out.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows) _out.WriteLine(FormatRow(row, widths));
        var total = summary.BuildWallSeconds + summary.RunWallSeconds;
        // Speed as a multiple of real time (simulated ÷ wall), as the progress bar and the table show it.
        var realtime = summary.SimulatedSeconds > 0 && summary.RunWallSeconds > 0 ? Invariant($", {summary.SimulatedSeconds / summary.RunWallSeconds:0.00}× real time") : "";
        _out.WriteLine(Invariant($"wall time {total:0.000} s (build {summary.BuildWallSeconds:0.000} s, run {summary.RunWallSeconds:0.000} s{realtime})"));
        // The CPU is the default and stays unmentioned in the plain form; a device run names its device.
        if (summary.Backend != "cpu") _out.WriteLine($"backend {summary.Backend}");
    }

    private void RichSummaryTable(RunSummary summary)
    {
        var console = CreateConsole(_out, terminal: false);
        var table = new Table()
            .RoundedBorder()
            .Title(Invariant($"simulated {Quantity.FormatTime(summary.SimulatedSeconds)} ({summary.Steps} steps of {Quantity.FormatTime(summary.Dt)}){summary.Instances}"))
            .AddColumn(new TableColumn("population"))
            .AddColumn(new TableColumn("neurons").RightAligned())
            .AddColumn(new TableColumn("spikes").RightAligned())
            .AddColumn(new TableColumn("mean rate (Hz)").RightAligned());
        foreach (var p in summary.Populations)
        {
            table.AddRow(
                new Text(p.Name),
                new Text(Invariant($"{p.Neurons:N0}")),
                new Text(Invariant($"{p.Spikes:N0}")),
                new Text(p.MeanRateHz is { } r ? Invariant($"{r:0.00}") : "n/a"));
        }

        var total = summary.BuildWallSeconds + summary.RunWallSeconds;
        var speed = summary.RunWallSeconds > 0 && summary.SimulatedSeconds > 0
            ? Invariant($" ({summary.SimulatedSeconds / summary.RunWallSeconds:0.00}× real time)")
            : "";
        var threads = summary.Threads ?? _threads;
        var precision = summary.Precision ?? _precision;
        var facts = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        facts.AddRow(new Text("wall time", Style.Plain.Decoration(Decoration.Dim)), new Text(Invariant($"{total:0.000} s")));
        facts.AddRow(new Text("build", Style.Plain.Decoration(Decoration.Dim)), new Text(Invariant($"{summary.BuildWallSeconds:0.000} s")));
        facts.AddRow(new Text("run", Style.Plain.Decoration(Decoration.Dim)), new Text(Invariant($"{summary.RunWallSeconds:0.000} s{speed}")));
        facts.AddRow(new Text("backend", Style.Plain.Decoration(Decoration.Dim)), new Text(summary.Backend));
        facts.AddRow(new Text("threads", Style.Plain.Decoration(Decoration.Dim)), new Text(threads is { } t ? Invariant($"{t}") : "n/a"));
        facts.AddRow(new Text("precision", Style.Plain.Decoration(Decoration.Dim)), new Text(precision is { } pr ? pr.ToString().ToLowerInvariant() : "n/a"));

        console.WriteLine();
        console.Write(table);
        console.Write(facts);
    }

    /// <summary>
    /// A Spectre console drawing on <paramref name="writer"/>. With <paramref name="terminal"/>, it is known to be an
    /// interactive terminal (Spectre's own detection looks at stdout, so it would fall back to plain lines on stderr
    /// when only stdout is redirected); otherwise its capabilities are detected.
    /// </summary>
    private static IAnsiConsole CreateConsole(TextWriter writer, bool terminal) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = terminal ? AnsiSupport.Yes : AnsiSupport.Detect,
        ColorSystem = ColorSystemSupport.Detect,
        Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.Detect,
    });

    private static string FormatRow(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
