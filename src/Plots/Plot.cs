using System.Globalization;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Monitors;
using ScottPlot;

namespace Dendra.Plots;

/// <summary>
/// Quick plots of monitors and projections, written as PNG files (rendered with ScottPlot 5, no display needed).
/// Scripts run by <c>dendra run</c> import this namespace, so <c>Plot.Raster("raster.png", spikes)</c> just works.
/// </summary>
/// <example>
/// <code>
/// var spikes = net.MonitorSpikes(P);
/// var rate = net.MonitorRate(P);
/// Run(net, 1 * second);
/// Plot.Raster("raster.png", spikes);
/// Plot.Rate("rate.png", rate);
/// </code>
/// </example>
public static partial class Plot
{
    /// <summary>Default width of every plot in pixels.</summary>
    public const int DefaultWidth = 1000;

    /// <summary>Default height of every plot in pixels.</summary>
    public const int DefaultHeight = 500;

    /// <summary>
    /// A spike raster: one dot per spike, time in ms on x, neuron index on y, one colour per population.
    /// Several monitors are stacked (the first at the bottom); the x axis spans from 0 to the latest network time.
    /// Dots shrink as spikes get denser (from 4 pixels down to 1), and all dots of a population are drawn in one call,
    /// so 10⁶ spikes render in well under a second.
    /// </summary>
    /// <param name="path">The PNG file to write (its folder must exist).</param>
    /// <param name="monitors">The spike monitors to draw, bottom to top.</param>
    public static void Raster(string path, params SpikeMonitor[] monitors) => Raster(path, DefaultWidth, DefaultHeight, monitors);

    /// <summary>A spike raster of the given size in pixels; see <see cref="Raster(string, SpikeMonitor[])"/>.</summary>
    /// <param name="path">The PNG file to write (its folder must exist).</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="monitors">The spike monitors to draw, bottom to top.</param>
    public static void Raster(string path, int width, int height, params SpikeMonitor[] monitors) =>
        Raster(path, width, height, timeLimitSeconds: null, monitors);

    /// <summary>
    /// A spike raster of the spikes before <paramref name="timeLimitSeconds"/> (all when null), of the given size;
    /// see <see cref="Raster(string, SpikeMonitor[])"/>.
    /// </summary>
    /// <param name="path">The PNG file to write (its folder must exist).</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="timeLimitSeconds">End of the time axis in seconds; null for the latest network time.</param>
    /// <param name="monitors">The spike monitors to draw, bottom to top.</param>
    public static void Raster(string path, int width, int height, double? timeLimitSeconds, params SpikeMonitor[] monitors)
    {
        CheckPath(path);
        CheckSize(width, height);
        Save(RasterPlot(timeLimitSeconds, width, height, monitors), path, width, height);
    }

    /// <summary>The raster as a ScottPlot plot, not yet rendered (tests read its pixel layout).</summary>
    internal static ScottPlot.Plot RasterPlot(double? timeLimitSeconds, int width, int height, SpikeMonitor[] monitors)
    {
        ArgumentNullException.ThrowIfNull(monitors);
        if (monitors.Length == 0) throw new ArgumentException("give at least one spike monitor", nameof(monitors));
        foreach (var m in monitors) ArgumentNullException.ThrowIfNull(m, nameof(monitors));

        double endMs = timeLimitSeconds is { } limit
            ? limit * 1e3
            : monitors.Max(m => m.Population.Network.Time) * 1e3;
        if (!(endMs > 0) || !double.IsFinite(endMs)) endMs = 1;

        // Count the spikes drawn, to size the dots.
        long drawn = 0;
        foreach (var m in monitors) drawn += CountBefore(m, endMs);
        // The largest dot (4, 3, 2 or 1 pixels) that keeps the ink under about 20% of the data area.
        double dataPixels = 0.75 * width * height;
        float markerSize = 4;
        while (markerSize > 1 && drawn * markerSize * markerSize > 0.2 * dataPixels) markerSize--;

        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int offset = 0;
        var ticks = new List<(double Position, string Label)>();
        for (int k = 0; k < monitors.Length; k++)
        {
            var m = monitors[k];
            var dt = m.Population.Network.Dt;
            var steps = m.Steps;
            var neurons = m.Neurons;
            int n = CountBefore(m, endMs);
            var xs = new double[n];
            var ys = new double[n];
            for (int s = 0; s < n; s++)
            {
                xs[s] = steps[s] * dt * 1e3;
                ys[s] = neurons[s] + offset;
            }
            var color = palette.GetColor(k);
            var markers = new SpikeDots(xs, ys, color, markerSize);
            plot.Add.Plottable(markers);
            if (monitors.Length > 1)
                markers.LegendText = string.Create(CultureInfo.InvariantCulture, $"{m.Population.Name} ({n} spikes)");
            ticks.Add((offset + m.Population.Size / 2.0, m.Population.Name));
            offset += m.Population.Size;
            if (k < monitors.Length - 1)
            {
                plot.Add.HorizontalLine(offset - 0.5, 1, Colors.Gray, LinePattern.Dashed);
        }
        }

        plot.Axes.SetLimits(0, endMs, -0.5, Math.Max(offset, 1) - 0.5);
        plot.Title(monitors.Length == 1
            ? string.Create(CultureInfo.InvariantCulture, $"Spike raster: {monitors[0].Population.Name} ({drawn} spikes)")
            : $"Spike raster: {string.Join(", ", monitors.Select(m => m.Population.Name))}");
        plot.XLabel("time (ms)");
        plot.YLabel("neuron index");
        if (monitors.Length > 1) plot.ShowLegend(Edge.Right);
        UseSansFont(plot);
        return plot;
    }

    /// <summary>
    /// The population rate of <paramref name="monitor"/> in Hz, averaged in bins of <paramref name="binSeconds"/>
    /// (5 ms by default), against time in ms; a dashed line marks the mean rate.
    /// </summary>
    /// <param name="path">The PNG file to write (its folder must exist).</param>
    /// <param name="monitor">The population rate monitor.</param>
    /// <param name="binSeconds">Width of the averaging bins in seconds (at least one time step).</param>
    public static void Rate(string path, PopulationRateMonitor monitor, double binSeconds = 5e-3)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        Rate(path, [monitor], binSeconds);
    }

    /// <summary>
    /// The population rates of several monitors on one plot, one line (and colour) per population, with a legend;
    /// see <see cref="Rate(string, PopulationRateMonitor, double)"/>.
    /// </summary>
    /// <param name="path">The PNG file to write (its folder must exist).</param>
    /// <param name="monitors">The population rate monitors.</param>
    /// <param name="binSeconds">Width of the averaging bins in seconds (at least one time step).</param>
    public static void Rate(string path, IReadOnlyList<PopulationRateMonitor> monitors, double binSeconds = 5e-3)
    {
        CheckPath(path);
        Save(RatePlot(monitors, binSeconds), path, DefaultWidth, DefaultHeight);
    }

    /// <summary>The rate plot as a ScottPlot plot, not yet rendered (tests read its pixel layout).</summary>
    internal static ScottPlot.Plot RatePlot(IReadOnlyList<PopulationRateMonitor> monitors, double binSeconds)
    {
        ArgumentNullException.ThrowIfNull(monitors);
        if (monitors.Count == 0) throw new ArgumentException("give at least one population rate monitor", nameof(monitors));
        foreach (var m in monitors) ArgumentNullException.ThrowIfNull(m, nameof(monitors));
        if (!(binSeconds > 0) || !double.IsFinite(binSeconds))
            throw new ArgumentOutOfRangeException(nameof(binSeconds), binSeconds, "the bin width must be a positive number of seconds");

        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        double left = double.PositiveInfinity, right = double.NegativeInfinity, top = 0;
        double binMs = 0;
        for (int k = 0; k < monitors.Count; k++)
        {
            var monitor = monitors[k];
            var dt = monitor.Population.Network.Dt;
            var binSteps = monitor.BinSteps(binSeconds);
            var rates = monitor.Smoothed(binSeconds);
            if (rates.Length == 0) continue;
            binMs = binSteps[0] * dt * 1e3;
            var times = monitor.Times;
            double startMs = times[0] * 1e3;
            // Each point sits at the middle of the steps it averages (a last bin cut short by the end of the run is narrower).
            var xs = new double[rates.Length];
            for (int b = 0; b < rates.Length; b++) xs[b] = startMs + (b * binSteps[0] + binSteps[b] / 2.0) * dt * 1e3;

            var color = palette.GetColor(k);
            var line = plot.Add.ScatterLine(xs, rates, color);
            line.LineWidth = 1.5f;
            double mean = monitor.Rates.Average();
            plot.Add.HorizontalLine(mean, 1, color.WithAlpha(0.6), LinePattern.Dashed);
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{monitor.Population.Name} (mean {mean:0.0} Hz, dashed)");
            left = Math.Min(left, startMs);
            right = Math.Max(right, startMs + binSteps.Sum() * dt * 1e3);
            top = Math.Max(top, rates.Max());
        }
        if (double.IsFinite(left)) plot.Axes.SetLimits(left, right, 0, top > 0 ? top * 1.1 : 1);
        else plot.Axes.SetLimits(0, 1, 0, 1);
        plot.ShowLegend(Alignment.UpperRight);

        var names = string.Join(", ", monitors.Select(m => m.Population.Name));
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Population rate: {names} ({binMs:0.###} ms bins)"));
        plot.XLabel("time (ms)");
        plot.YLabel("rate (Hz)");
        UseSansFont(plot);
        return plot;
    }

    /// <summary>
    /// The recorded traces of <paramref name="monitor"/>: one line per monitored neuron against time in ms,
    /// the y axis labelled with the variable. Values are as simulated (SI units), except that a variable named
    /// <c>v…</c> or <c>V…</c> with values below 1 in magnitude (a membrane potential in volts) is shown in mV.
    /// </summary>
    /// <param name="path">The PNG file to write (its folder must exist).</param>
    /// <param name="monitor">The state monitor.</param>
    public static void Traces(string path, StateMonitor monitor)
    {
        CheckPath(path);
        Save(TracesPlot(monitor), path, DefaultWidth, DefaultHeight);
    }

    /// <summary>The traces as a ScottPlot plot, not yet rendered (tests read its pixel layout).</summary>
    internal static ScottPlot.Plot TracesPlot(StateMonitor monitor)
    {
        ArgumentNullException.ThrowIfNull(monitor);

        var plot = new ScottPlot.Plot();
        var times = monitor.Times;
        for (int s = 0; s < times.Length; s++) times[s] *= 1e3;
        var palette = new ScottPlot.Palettes.Category10();
        var traces = Enumerable.Range(0, monitor.Neurons.Count).Select(monitor.Trace).ToList();
        // A membrane potential (v, V, v_s, V_m ...) in volts reads better in mV.
        bool millivolts = monitor.Variable.StartsWith('v') || monitor.Variable.StartsWith('V');
        millivolts &= traces.All(t => t.All(x => Math.Abs(x) < 1));
        if (millivolts)
            foreach (var t in traces)
                for (int s = 0; s < t.Length; s++) t[s] *= 1e3;
        for (int k = 0; k < monitor.Neurons.Count; k++)
        {
            var line = plot.Add.ScatterLine(times, traces[k], palette.GetColor(k));
            line.LineWidth = 1.2f;
            if (monitor.Neurons.Count is > 1 and <= 12)
                line.LegendText = string.Create(CultureInfo.InvariantCulture, $"neuron {monitor.Neurons[k]}");
        }
        if (monitor.Neurons.Count is > 1 and <= 12) plot.ShowLegend(Alignment.UpperRight);
        if (times.Length == 0) plot.Axes.SetLimits(0, 1, 0, 1);
        else plot.Axes.SetLimitsX(0, times[^1]);
        plot.Title($"{monitor.Variable}: {monitor.Population.Name}");
        plot.XLabel("time (ms)");
        plot.YLabel(millivolts ? $"{monitor.Variable} (mV)" : monitor.Variable);
        UseSansFont(plot);
        return plot;
    }

    /// <summary>A histogram of the synaptic variable <paramref name="variable"/> (the weight <c>w</c> by default) of a projection.</summary>
    /// <param name="path">The PNG file to write (its folder must exist).</param>
    /// <param name="projection">The projection (its network must be built).</param>
    /// <param name="variable">The synapse variable.</param>
    /// <param name="bins">Number of bins.</param>
    public static void WeightHistogram(string path, Projection projection, string variable = "w", int bins = 50)
    {
        CheckPath(path);
        Save(WeightHistogramPlot(projection, variable, bins), path, DefaultWidth, DefaultHeight);
    }

    /// <summary>The weight histogram as a ScottPlot plot, not yet rendered (tests read its pixel layout).</summary>
    internal static ScottPlot.Plot WeightHistogramPlot(Projection projection, string variable, int bins)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentException.ThrowIfNullOrWhiteSpace(variable);
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "use 1 or more bins");

        var values = projection.Get(variable).Values;
        return HistogramPlot(values, bins, variable, string.Create(CultureInfo.InvariantCulture, $"{variable} of {projection.Name} ({values.Length} synapses)"));
    }

    private static void Histogram(string path, double[] values, int bins, string variable, string title) =>
        Save(HistogramPlot(values, bins, variable, title), path, DefaultWidth, DefaultHeight);

    /// <summary>
    /// A histogram of <paramref name="values"/> in <paramref name="bins"/> equal bins from their least to their greatest
    /// value (the last bin includes the greatest), one bar per bin.
    /// </summary>
    private static ScottPlot.Plot HistogramPlot(double[] values, int bins, string variable, string title)
    {
        var plot = new ScottPlot.Plot();
        if (values.Length > 0)
        {
            double min = values.Min(), max = values.Max();
            if (max <= min)
            {
                double pad = min == 0 ? 0.5 : Math.Abs(min) * 0.05;
                min -= pad;
                max += pad;
            }
            double width = (max - min) / bins;
            var counts = new double[bins];
            foreach (var v in values)
            {
                int b = (int)((v - min) / width);
                counts[Math.Clamp(b, 0, bins - 1)]++;
            }
            var bars = new List<Bar>(bins);
            for (int b = 0; b < bins; b++)
            {
                bars.Add(new Bar
                {
                    Position = min + (b + 0.5) * width,
                    Value = counts[b],
                    Size = width,
                    FillColor = Colors.C0,
                    LineWidth = 0,
                });
            }
            plot.Add.Bars(bars);
            plot.Axes.Margins(bottom: 0);
        }
        else
        {
            plot.Axes.SetLimits(0, 1, 0, 1);
        }
        plot.Title(title);
        plot.XLabel(variable);
        plot.YLabel("synapses");
        UseSansFont(plot);
        return plot;
    }

    /// <summary>
    /// An f–I curve: firing rate (Hz) against input current, with the current axis in pA, nA or µA to suit the
    /// values (given in amperes, as the simulator uses them).
    /// </summary>
    /// <param name="path">The PNG file to write (its folder must exist).</param>
    /// <param name="currents">Input currents in amperes.</param>
    /// <param name="rates">Firing rates in Hz, one per current.</param>
    /// <param name="label">A legend label for the curve (the neuron model, say); none when null.</param>
    public static void FICurve(string path, IReadOnlyList<double> currents, IReadOnlyList<double> rates, string? label = null)
    {
        CheckPath(path);
        Save(FICurvePlot(currents, rates, label), path, DefaultWidth, DefaultHeight);
    }

    /// <summary>The f–I curve as a ScottPlot plot, not yet rendered (tests read its pixel layout); its x axis is in the
    /// unit the curve names, its scale from amperes is <see cref="CurrentAxis"/>'s.</summary>
    internal static ScottPlot.Plot FICurvePlot(IReadOnlyList<double> currents, IReadOnlyList<double> rates, string? label)
    {
        ArgumentNullException.ThrowIfNull(currents);
        ArgumentNullException.ThrowIfNull(rates);
        if (currents.Count != rates.Count)
            throw new ArgumentException($"{currents.Count} currents but {rates.Count} rates; give one rate per current", nameof(rates));

        var (scale, unit) = CurrentAxis(currents);
        var xs = currents.Select(c => c * scale).ToArray();
        var ys = rates.ToArray();

        var plot = new ScottPlot.Plot();
        if (xs.Length > 0)
        {
            var scatter = plot.Add.Scatter(xs, ys, Colors.C0);
            scatter.LineWidth = 1.5f;
            scatter.MarkerSize = 6;
            if (label is not null)
            {
                scatter.LegendText = label;
                plot.ShowLegend(Alignment.UpperLeft);
            }
        }
        else
        {
            plot.Axes.SetLimits(0, 1, 0, 1);
        }
        plot.Title(label is null ? "f–I curve" : $"f–I curve: {label}");
        plot.XLabel($"input current ({unit})");
        plot.YLabel("firing rate (Hz)");
        UseSansFont(plot);
        return plot;
    }

    /// <summary>The unit of an f–I curve's current axis, pA, nA, µA or A to suit the largest current, and the factor
    /// from amperes to it.</summary>
    internal static (double Scale, string Unit) CurrentAxis(IReadOnlyList<double> currents)
    {
        double largest = currents.Count == 0 ? 0 : currents.Max(Math.Abs);
        return largest switch
        {
            0 => (1e9, "nA"),
            < 1e-9 => (1e12, "pA"),
            < 1e-6 => (1e9, "nA"),
            < 1e-3 => (1e6, "µA"),
            _ => (1.0, "A"),
        };
    }

    private static int CountBefore(SpikeMonitor monitor, double endMs)
    {
        // Steps are recorded in order: binary search for the first spike at or after the end.
        var steps = monitor.Steps;
        double endStep = endMs * 1e-3 / monitor.Population.Network.Dt;
        int lo = 0, hi = steps.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (steps[mid] < endStep) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static void CheckPath(string path) => ArgumentException.ThrowIfNullOrWhiteSpace(path);

    private static void CheckSize(int width, int height)
    {
        if (width < 100) throw new ArgumentOutOfRangeException(nameof(width), width, "the width must be at least 100 pixels");
        if (height < 100) throw new ArgumentOutOfRangeException(nameof(height), height, "the height must be at least 100 pixels");
    }

    /// <summary>The first installed sans-serif family of a few common ones; null when none (Skia's default then).</summary>
    private static readonly Lazy<string?> SansFont = new(() =>
    {
        foreach (var family in (string[])["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "Open Sans"])
        {
            using var typeface = SkiaSharp.SKFontManager.Default.MatchFamily(family);
            if (typeface is not null && string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase)) return family;
        }
        return null;
    });

    private static void UseSansFont(ScottPlot.Plot plot)
    {
        if (SansFont.Value is { } family) plot.Font.Set(family);
    }

    private static void Save(ScottPlot.Plot plot, string path, int width, int height)
    {
        UseSansFont(plot);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (directory is not null && !Directory.Exists(directory))
            throw new DirectoryNotFoundException($"cannot write {path}: the folder {directory} does not exist");
        plot.SavePng(full, width, height);
    }
}
