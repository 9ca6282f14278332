using System.Globalization;
using Dendra.Simulator.Recording;
using ScottPlot;

namespace Dendra.Plots;

/// <summary>The same plots drawn from a recording (<c>.dnr</c>) instead of live monitors.</summary>
public static partial class Plot
{
    /// <summary>A spike raster of every population whose spikes <paramref name="recording"/> holds, in [from, to) seconds, stacked in network order.</summary>
    public static void Raster(string path, RecordingReader recording, double from = 0, double to = double.PositiveInfinity)
    {
        CheckPath(path);
        ArgumentNullException.ThrowIfNull(recording);
        var h = recording.Header;
        double endSeconds = Math.Min(to, (recording.FirstStep + recording.StepCount) * h.Dt);
        double startSeconds = Math.Max(from, recording.FirstStep * h.Dt);
        var spikes = h.SpikeStreams.Select(i => (Population: h.Populations[i], Spikes: recording.ReadSpikes(h.Populations[i].Name, from, to))).ToList();
        long drawn = spikes.Sum(s => (long)s.Spikes.Count);
        float markerSize = 4;
        while (markerSize > 1 && drawn * markerSize * markerSize > 0.2 * 0.75 * DefaultWidth * DefaultHeight) markerSize--;

        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int offset = 0;
        for (int k = 0; k < spikes.Count; k++)
        {
            var (population, s) = spikes[k];
            var xs = s.Steps.Select(step => step * h.Dt * 1e3).ToArray();
            var ys = s.Neurons.Select(n => (double)(n + offset)).ToArray();
            var dots = new SpikeDots(xs, ys, palette.GetColor(k), markerSize);
            plot.Add.Plottable(dots);
            if (spikes.Count > 1) dots.LegendText = string.Create(CultureInfo.InvariantCulture, $"{population.Name} ({s.Count} spikes)");
            offset += population.Size;
            if (k < spikes.Count - 1) plot.Add.HorizontalLine(offset - 0.5, 1, Colors.Gray, LinePattern.Dashed);
        }
        plot.Axes.SetLimits(startSeconds * 1e3, Math.Max(endSeconds, startSeconds + h.Dt) * 1e3, -0.5, Math.Max(offset, 1) - 0.5);
        plot.Title($"Spike raster: {string.Join(", ", spikes.Select(s => s.Population.Name))} ({Path.GetFileName(recording.Path)})");
        plot.XLabel("time (ms)");
        plot.YLabel("neuron index");
        if (spikes.Count > 1) plot.ShowLegend(Edge.Right);
        Save(plot, path, DefaultWidth, DefaultHeight);
    }

    /// <summary>The population rates <paramref name="recording"/> holds, in Hz, averaged in bins of <paramref name="binSeconds"/>.</summary>
    public static void Rate(string path, RecordingReader recording, double binSeconds = 5e-3, double from = 0, double to = double.PositiveInfinity)
    {
        CheckPath(path);
        ArgumentNullException.ThrowIfNull(recording);
        if (!(binSeconds > 0) || !double.IsFinite(binSeconds))
            throw new ArgumentOutOfRangeException(nameof(binSeconds), binSeconds, "the bin width must be a positive number of seconds");
        var h = recording.Header;
        int per = Math.Max(1, (int)Math.Round(binSeconds / h.Dt));
        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int k = 0;
        foreach (var i in h.RateStreams)
        {
            var rates = recording.ReadRates(h.Populations[i].Name, from, to);
            int bins = rates.Counts.Length / per;
            if (bins == 0) continue;
            var xs = new double[bins];
            var ys = new double[bins];
            for (int b = 0; b < bins; b++)
            {
                xs[b] = (rates.Steps[b * per] + per / 2.0) * h.Dt * 1e3;
                ys[b] = rates.Counts.Skip(b * per).Take(per).Sum() / (rates.Size * per * h.Dt);
            }
            var line = plot.Add.ScatterLine(xs, ys, palette.GetColor(k++));
            line.LineWidth = 1.5f;
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{h.Populations[i].Name} (mean {rates.Rates.Average():0.0} Hz)");
        }
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Population rate ({per * h.Dt * 1e3:0.###} ms bins, {Path.GetFileName(recording.Path)})"));
        plot.XLabel("time (ms)");
        plot.YLabel("rate (Hz)");
        Save(plot, path, DefaultWidth, DefaultHeight);
    }

    /// <summary>The recorded traces of <paramref name="variable"/> of <paramref name="population"/>, one line per sampled neuron.</summary>
    public static void Traces(string path, RecordingReader recording, string population, string variable, double from = 0, double to = double.PositiveInfinity)
    {
        CheckPath(path);
        ArgumentNullException.ThrowIfNull(recording);
        var state = recording.ReadState(population, variable, from, to);
        var times = state.Times.Select(t => t * 1e3).ToArray();
        var traces = Enumerable.Range(0, state.Neurons.Length).Select(state.Trace).ToList();
        bool millivolts = (variable.StartsWith('v') || variable.StartsWith('V')) && traces.All(t => t.All(x => Math.Abs(x) < 1));
        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int k = 0; k < traces.Count; k++)
        {
            var ys = millivolts ? traces[k].Select(x => x * 1e3).ToArray() : traces[k];
            var line = plot.Add.ScatterLine(times, ys, palette.GetColor(k));
            line.LineWidth = 1.2f;
            if (traces.Count is > 1 and <= 12) line.LegendText = string.Create(CultureInfo.InvariantCulture, $"neuron {state.Neurons[k]}");
        }
        if (traces.Count is > 1 and <= 12) plot.ShowLegend(Alignment.UpperRight);
        if (times.Length == 0) plot.Axes.SetLimits(0, 1, 0, 1);
        plot.Title($"{variable}: {population} ({Path.GetFileName(recording.Path)})");
        plot.XLabel("time (ms)");
        plot.YLabel(millivolts ? $"{variable} (mV)" : variable);
        Save(plot, path, DefaultWidth, DefaultHeight);
    }

    /// <summary>A histogram of the last recorded snapshot of <paramref name="variable"/> of <paramref name="projection"/>.</summary>
    public static void WeightHistogram(string path, RecordingReader recording, string projection, string variable = "w", int bins = 50)
    {
        CheckPath(path);
        ArgumentNullException.ThrowIfNull(recording);
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "use 1 or more bins");
        var snapshots = recording.ReadWeights(projection, variable);
        if (snapshots.Count == 0) throw new ArgumentException($"{recording.Path} holds no snapshot of '{variable}' of projection '{projection}'", nameof(projection));
        var last = snapshots[^1];
        Histogram(path, last.Values, bins, variable,
            string.Create(CultureInfo.InvariantCulture, $"{variable} of {projection} at {last.Step * recording.Header.Dt:0.###} s ({last.Values.Length} synapses)"));
    }

    /// <summary>
    /// The learning curve of a training recording: every recorded metric against the training samples shown, one line
    /// with markers per metric, in the colours of <see cref="ScottPlot.Palettes.Category10"/> (the first blue).
    /// </summary>
    public static void LearningCurve(string path, RecordingReader recording)
    {
        CheckPath(path);
        ArgumentNullException.ThrowIfNull(recording);
        Save(LearningCurvePlot(recording), path, DefaultWidth, DefaultHeight);
    }

    /// <summary>The plot <see cref="LearningCurve"/> writes (tests lay it out to find where each point is drawn).</summary>
    internal static ScottPlot.Plot LearningCurvePlot(RecordingReader recording)
    {
        var metrics = recording.Header.MetricStreams;
        if (metrics.Length == 0) throw new ArgumentException($"{recording.Path} holds no learning curve (no metrics were recorded)", nameof(recording));
        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int k = 0; k < metrics.Length; k++)
        {
            var points = recording.ReadMetric(metrics[k]);
            var line = plot.Add.Scatter(points.Select(p => (double)p.Samples).ToArray(), points.Select(p => p.Value).ToArray(), palette.GetColor(k));
            line.LineWidth = 2;
            line.MarkerSize = 6;
            line.LegendText = metrics[k];
        }
        if (metrics.Length > 1) plot.ShowLegend(Alignment.LowerRight);
        plot.Title($"learning curve ({Path.GetFileName(recording.Path)})");
        plot.XLabel("training samples");
        plot.YLabel(metrics.Length == 1 ? metrics[0] : "metric");
        return plot;
    }
}
