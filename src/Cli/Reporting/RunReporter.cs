using System.Diagnostics;
using System.Globalization;
using Dendra.Cli.Parsing;
using Dendra.Simulator.Graph;

namespace Dendra.Cli.Reporting;

/// <summary>
/// Everything <c>dendra run</c> tells the user about a run: progress (on stderr, unless quiet) and the
/// summary table (on stdout). Plain text for now; this is the one class to replace for richer output.
/// </summary>
internal sealed class RunReporter
{
    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private readonly bool _quiet;
    private readonly Stopwatch _runClock = new();
    private int _nextDecile;

    /// <summary>Creates a reporter writing results to <paramref name="output"/> and progress to <paramref name="error"/>.</summary>
    public RunReporter(TextWriter output, TextWriter error, bool quiet)
    {
        _out = output;
        _err = error;
        _quiet = quiet;
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
        if (_quiet) return;
        long neurons = network.Populations.Sum(p => (long)p.Size);
        _err.WriteLine(Invariant($"built {network.Populations.Count} population(s), {neurons} neurons, {network.Projections.Count} projection(s) in {elapsed.TotalSeconds:0.00} s ({network.Precision}, {network.Threads} thread(s))"));
    }

    /// <summary>A run of <paramref name="steps"/> steps starts.</summary>
    public void RunStarting(double duration, long steps, double dt)
    {
        _nextDecile = 1;
        _runClock.Restart();
        if (_quiet) return;
        _err.WriteLine(Invariant($"running {Quantity.FormatTime(duration)} ({steps} steps of {Quantity.FormatTime(dt)})"));
    }

    /// <summary>Progress of the running simulation (called about every 1%).</summary>
    public void Progress(RunProgress progress)
    {
        if (_quiet || progress.StepsTotal <= 0) return;
        long percent = progress.StepsDone * 100 / progress.StepsTotal;
        if (percent < _nextDecile * 10) return;
        _nextDecile = (int)(percent / 10) + 1;
        _err.WriteLine(Invariant($"  {percent,3}%  t = {Quantity.FormatTime(progress.Time)}, {progress.Spikes} spikes, {_runClock.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>A run finished: prints the summary table.</summary>
    public void RunFinished(RunSummary summary)
    {
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
        _out.WriteLine(Invariant($"simulated {Quantity.FormatTime(summary.SimulatedSeconds)} ({summary.Steps} steps of {Quantity.FormatTime(summary.Dt)})"));
        _out.WriteLine(FormatRow(header, widths));
        _out.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows) _out.WriteLine(FormatRow(row, widths));
        var total = summary.BuildWallSeconds + summary.RunWallSeconds;
        var realtime = summary.SimulatedSeconds > 0 ? Invariant($", {summary.RunWallSeconds / summary.SimulatedSeconds:0.00}× real time") : "";
        _out.WriteLine(Invariant($"wall time {total:0.000} s (build {summary.BuildWallSeconds:0.000} s, run {summary.RunWallSeconds:0.000} s{realtime})"));
    }

    private static string FormatRow(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
