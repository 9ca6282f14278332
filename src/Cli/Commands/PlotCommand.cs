using System.CommandLine;
using Dendra.Plots;
using Dendra.Simulator.Recording;

namespace Dendra.Cli.Commands;

/// <summary><c>dendra plot FILE</c>: draws a recording as a PNG (raster, rates, traces, weights or a learning curve).</summary>
internal static class PlotCommand
{
    /// <summary>Example lines shown by <c>dendra plot --help</c>.</summary>
    public static readonly string[] Examples =
    [
        "dendra plot run.dnr",
        "dendra plot run.dnr --what rate --out rate.png",
        "dendra plot run.dnr --what traces --from 1s --to 1.5s",
        "dendra plot training.dnr --what learning",
    ];

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The recording (.dnr)." };
        var what = new Option<string>("--what", "-w") { Description = "raster (default), rate, traces (every recorded state stream, one PNG each), weights (last snapshot of each weight stream) or learning (a training run's learning curve).", HelpName = "raster|rate|traces|weights|learning", DefaultValueFactory = _ => "raster" };
        what.AcceptOnlyFromAmong("raster", "rate", "traces", "weights", "learning");
        var from = CommonOptions.Time("--from", "Start of the time window (default: the start).", allowZero: true);
        var to = CommonOptions.Time("--to", "End of the time window (default: the end).", allowZero: false);
        var output = new Option<string?>("--out", "-o") { Description = "The PNG to write (default: FILE's name with -raster.png, -rate.png …). For traces and weights, one file per stream with the stream's name added.", HelpName = "PNG" };
        var command = new Command("plot", "Plot a recording as PNG: spike raster, population rates, state traces, a weight histogram or a learning curve.")
        {
            file, what, from, to, output,
        };
        command.SetAction(parseResult => Run(context, parseResult.GetRequiredValue(file), parseResult.GetValue(what) ?? "raster",
            parseResult.GetValue(from) ?? 0, parseResult.GetValue(to) ?? double.PositiveInfinity, parseResult.GetValue(output)));
        return command;
    }

    private static int Run(CliContext context, string path, string what, double from, double to, string? output)
    {
        if (to <= from) throw new UsageException($"--to must come after --from (got {from} s to {to} s)");
        using var recording = RecordingFiles.Open(path);
        var h = recording.Header;
        string Target(string suffix)
        {
            var basePath = output is { Length: > 0 } ? output : Path.ChangeExtension(path, null) + $"-{what}.png";
            return suffix.Length == 0 ? basePath : Path.ChangeExtension(basePath, null) + $"-{RecordingFiles.SafeName(suffix)}.png";
        }
        var written = new List<string>();
        RecordingFiles.Read(() =>
        {
            switch (what)
            {
                case "raster":
                    if (h.SpikeStreams.Length == 0) throw new UsageException($"{path} holds no spikes to plot");
                    Plot.Raster(Target(""), recording, from, to);
                    written.Add(Target(""));
                    break;
                case "rate":
                    if (h.RateStreams.Length == 0) throw new UsageException($"{path} holds no population rates to plot");
                    Plot.Rate(Target(""), recording, from: from, to: to);
                    written.Add(Target(""));
                    break;
                case "learning":
                    if (h.MetricStreams.Length == 0) throw new UsageException($"{path} holds no learning curve: record a training run with Trainer.RecordTo");
                    Plot.LearningCurve(Target(""), recording);
                    written.Add(Target(""));
                    break;
                case "traces":
                    if (h.StateStreams.Length == 0) throw new UsageException($"{path} holds no state traces to plot");
                    foreach (var s in h.StateStreams)
                    {
                        var population = h.Populations[s.Population].Name;
                        var target = Target($"{population}-{s.Variable}");
                        Plot.Traces(target, recording, population, s.Variable, from, to);
                        written.Add(target);
                    }
                    break;
                default:
                    if (h.WeightStreams.Length == 0) throw new UsageException($"{path} holds no weight snapshots to plot");
                    foreach (var w in h.WeightStreams)
                    {
                        var projection = h.ProjectionOf(w);
                        var target = Target($"{projection}-{w.Variable}");
                        Plot.WeightHistogram(target, recording, projection, w.Variable);
                        written.Add(target);
                    }
                    break;
            }
            return 0;
        });
        foreach (var file in written) context.Out.WriteLine($"wrote {file}");
        if (RecordingFiles.CutShortNote(recording) is { } note) context.Error.WriteLine(note);
        return ExitCodes.Success;
    }
}
