using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dendra.Cli.Parsing;
using Dendra.Cli.Reporting;
using Dendra.Neurons;
using Dendra.Plots;
using Dendra.Render.Activity;
using Dendra.Render.Live;
using Dendra.Render.Output;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Monitors;
using static Dendra.Units;

namespace Dendra.Cli.Commands;

/// <summary>
/// <c>dendra demo</c>: runs the COBA benchmark network (Brette et al. 2007, benchmark 1) with no script and writes
/// a spike raster, a population rate plot and a summary into a folder.
/// </summary>
internal static class DemoCommand
{
    /// <summary>Default output folder, relative to the working directory.</summary>
    public const string DefaultOutput = "dendra-demo";

    /// <summary>Example lines shown by <c>dendra demo --help</c>.</summary>
    public static readonly string[] Examples =
    [
        "dendra demo",
        "dendra demo --duration 200ms --seed 7 --out /tmp/coba",
        "dendra demo --offscreen        (no window even with a display: write activity.mp4)",
    ];

    /// <summary>Neurons of the network (80% excitatory).</summary>
    private const int Neurons = 4000;

    /// <summary>Connection probability of every pair.</summary>
    private const double Probability = 0.02;

    /// <summary>Excitatory and inhibitory weights, in units of the leak conductance.</summary>
    private const double WeightE = 0.6, WeightI = 6.7;

    /// <summary>Time step.</summary>
    private const double Dt = 0.1 * ms;

    /// <summary>Simulated time when <c>--duration</c> is not given.</summary>
    private const double DefaultDuration = 1 * second;

    /// <summary>The raster shows at most this much time, so that single spikes stay visible.</summary>
    private const double RasterWindow = 1 * second;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var duration = CommonOptions.Time("--duration", "Simulated time: 500ms, 2s, 1e-4 (plain number: seconds). Default 1s.", allowZero: false, alias: "-d");
        var seed = CommonOptions.Seed("Random seed (connectivity, initial values). Default 1.");
        var output = new Option<string?>("--out", "-o")
        {
            Description = $"Folder for raster.png, rate.png and summary.md (created if missing). Default ./{DefaultOutput}.",
            HelpName = "DIR",
        };
        var offscreen = new Option<bool>("--offscreen")
        {
            Description = "Do not open a window even when there is a display; render activity.mp4 (or PNG frames without ffmpeg) instead.",
        };
        var command = new Command("demo",
            "Run the COBA benchmark network (4000 conductance-based LIF neurons, Brette et al. 2007) and plot it: " +
            "shows it live in a window where there is a display, else renders activity.mp4; writes raster.png, rate.png and summary.md.")
        {
            duration, seed, output, offscreen,
        };
        command.SetAction(parseResult => Run(
            context,
            parseResult.GetValue(duration) ?? DefaultDuration,
            parseResult.GetValue(seed) ?? 1,
            parseResult.GetValue(output) is { Length: > 0 } dir ? dir : DefaultOutput,
            parseResult.GetValue(offscreen)));
        return command;
    }

    private static int Run(CliContext context, double duration, ulong seed, string outputFolder, bool offscreen)
    {
        var folder = Path.GetFullPath(outputFolder);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot create the output folder {outputFolder}: {e.Message}");
        }

        var output = context.Out;
        var reporter = new RunReporter(context.Out, context.Error, quiet: false);
        output.WriteLine(Invariant($"COBA network (Brette et al. 2007, benchmark 1): {Neurons} conductance-based LIF neurons, 80% excitatory, p = {Probability}, we = {WeightE}, wi = {WeightI}; dt {Quantity.FormatTime(Dt)}, seed {seed}"));

        int nExc = Neurons * 4 / 5, nInh = Neurons - nExc;
        var net = new Network(dt: Dt, seed: seed);
        var exc = net.AddPopulation("exc", nExc, LifConductance.Coba());
        var inh = net.AddPopulation("inh", nInh, LifConductance.Coba());
        foreach (var post in new[] { exc, inh })
        {
            net.Connect(exc, post, "ge", Connectivity.FixedProbability(Probability), weight: WeightE, name: $"exc->{post.Name}");
            net.Connect(inh, post, "gi", Connectivity.FixedProbability(Probability), weight: WeightI, name: $"inh->{post.Name}");
        }
        SpikeMonitor[] spikes = [net.MonitorSpikes(exc), net.MonitorSpikes(inh)];
        PopulationRateMonitor[] rates = [net.MonitorRate(exc), net.MonitorRate(inh)];

        // A live window where there is a display; else a video (PNG frames when ffmpeg is missing) in the folder.
        var video = Path.Combine(folder, "activity.mp4");
        var frames = Path.Combine(folder, "frames");
        bool live = Display.Available && !offscreen;
        bool mp4 = Mp4Video.FfmpegAvailable();
        var display = live
            ? new DisplaySettings(true, null, null, DisplaySettings.DefaultFrameInterval)
            : new DisplaySettings(false, mp4 ? null : frames, mp4 ? video : null, DisplaySettings.DefaultFrameInterval);
        var view = new ViewOptions().Trace("exc", "v", 0, 1, 2).Grid("exc", 80, 40);
        var run = ViewedRun.Execute(net, duration, display, view, reporter, context.Error);
        double simulated = run.SimulatedSeconds, buildSeconds = run.BuildWallSeconds, runSeconds = run.RunWallSeconds;
        long steps = run.Steps;
        var cvs = spikes.Select(m => m.MeanIsiCv()).ToArray();
        output.WriteLine(Invariant($"ISI CV: {string.Join(", ", spikes.Select((m, k) => $"{m.Population.Name} {FormatCv(cvs[k])}"))}"));

        var plotClock = Stopwatch.StartNew();
        var raster = Path.Combine(folder, "raster.png");
        var rate = Path.Combine(folder, "rate.png");
        var summary = Path.Combine(folder, "summary.md");
        double window = Math.Min(simulated, RasterWindow);
        Plot.Raster(raster, 1200, 700, window > 0 ? window : null, spikes);
        Plot.Rate(rate, rates, binSeconds: 5 * ms);
        File.WriteAllText(summary, Summary(net, seed, simulated, steps, buildSeconds, runSeconds, spikes, cvs), new UTF8Encoding(false));

        output.WriteLine();
        output.WriteLine(Invariant($"wrote into {folder} ({plotClock.Elapsed.TotalSeconds:0.0} s):"));
        output.WriteLine(Invariant($"  raster.png   spike raster of both populations{(window < simulated ? $", first {Quantity.FormatTime(window)}" : "")}"));
        output.WriteLine("  rate.png     population rates in 5 ms bins");
        output.WriteLine("  summary.md   neurons, spikes, rates, ISI CV, wall time, dt and seed");
        if (!live)
        {
            output.WriteLine(mp4
                ? "  activity.mp4 the run as a video: raster, activity, rates and traces (one frame per 10 ms)"
                : "  frames/      the run as PNG frames, one per 10 ms (install ffmpeg for an MP4 instead)");
        }
        return ExitCodes.Success;
    }

    private static string Summary(Network net, ulong seed, double simulated, long steps, double buildSeconds, double runSeconds,
        SpikeMonitor[] spikes, double[] cvs)
    {
        var text = new StringBuilder();
        void Line(FormattableString s) => text.Append(s.ToString(CultureInfo.InvariantCulture)).Append('\n');

        Line($"# dendra demo: COBA network");
        Line($"");
        Line($"Brette et al. (2007), benchmark 1: {net.Populations.Sum(p => p.Size)} conductance-based LIF neurons (`LifConductance.Coba()`), 80% excitatory, connection probability {Probability}, weights we = {WeightE}, wi = {WeightI} (in units of the leak conductance).");
        Line($"");
        Line($"| population | neurons | spikes | mean rate (Hz) | ISI CV |");
        Line($"|---|---:|---:|---:|---:|");
        for (int k = 0; k < spikes.Length; k++)
        {
            var m = spikes[k];
            var rate = simulated > 0 ? (m.Count / (m.Population.Size * simulated)).ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
            Line($"| {m.Population.Name} | {m.Population.Size} | {m.Count} | {rate} | {FormatCv(cvs[k])} |");
        }
        Line($"");
        Line($"- simulated: {Quantity.FormatTime(simulated)} ({steps} steps)");
        Line($"- dt: {Quantity.FormatTime(net.Dt)}");
        Line($"- seed: {seed}");
        Line($"- precision: {net.Precision}, threads: {net.Threads}");
        Line($"- wall time: {buildSeconds + runSeconds:0.000} s (build {buildSeconds:0.000} s, run {runSeconds:0.000} s)");
        Line($"- synapses: {net.Projections.Sum(p => p.SynapseCount)}");
        Line($"");
        Line($"ISI CV: mean coefficient of variation of the inter-spike intervals over neurons with at least three spikes.");
        Line($"");
        Line($"![spike raster](raster.png)");
        Line($"");
        Line($"![population rate](rate.png)");
        return text.ToString();
    }

    private static string FormatCv(double cv) => double.IsNaN(cv) ? "n/a" : cv.ToString("0.00", CultureInfo.InvariantCulture);



    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
