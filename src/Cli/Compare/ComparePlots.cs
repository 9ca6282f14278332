using System.Globalization;
using Dendra.Plots;

namespace Dendra.Cli.Compare;

/// <summary>The plots of <c>dendra compare</c>: a raster per variant and a trace overlay of one neuron per population.</summary>
internal static class ComparePlots
{
    /// <summary>Writes the plots into <paramref name="directory"/> and returns their paths.</summary>
    public static List<string> Write(string directory, IReadOnlyList<VariantRun> runs)
    {
        var paths = new List<string>();
        foreach (var run in runs)
        {
            var path = Path.Combine(directory, $"raster-{run.Variant.Name}.png");
            Plot.Raster(path, run.Populations.Select(p => p.Spikes).ToArray());
            paths.Add(path);
        }
        foreach (var population in runs[0].Populations)
        {
            if (population.State is not { Count: > 0 } state) continue;
            var plot = new ScottPlot.Plot();
            var palette = new ScottPlot.Palettes.Category10();
            bool millivolts = state.Variable.StartsWith('v') || state.Variable.StartsWith('V');
            int index = 0;
            foreach (var run in runs)
            {
                var traced = run.Populations.FirstOrDefault(p => p.Name == population.Name)?.State;
                if (traced is not { Count: > 0 }) { index++; continue; }
                var times = traced.Times.Select(t => t * 1e3).ToArray();
                var values = traced.Trace(0);
                if (millivolts && values.All(x => Math.Abs(x) < 1)) values = values.Select(x => x * 1e3).ToArray();
                var line = plot.Add.ScatterLine(times, values, palette.GetColor(index++));
                line.LineWidth = 1.2f;
                line.LegendText = run.Variant.Name;
            }
            plot.ShowLegend(ScottPlot.Alignment.UpperRight);
            plot.Title(string.Create(CultureInfo.InvariantCulture, $"{state.Variable} of neuron {state.Neurons[0]}: {population.Name}"));
            plot.XLabel("time (ms)");
            plot.YLabel(millivolts ? $"{state.Variable} (mV)" : state.Variable);
            var path = Path.Combine(directory, $"trace-{Safe(population.Name)}.png");
            plot.SavePng(path, 900, 450);
            paths.Add(path);
        }
        return paths;
    }

    private static string Safe(string name) => new(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
