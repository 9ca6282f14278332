using System.Globalization;
using Dendra.Learning.Metrics;
using Dendra.Learning.Readouts;
using ScottPlot;

namespace Dendra.Plots;

public static partial class Plot
{
    /// <summary>
    /// Learning curves: each curve's metric against epochs or samples, one colour per curve (in order, ScottPlot's
    /// Category10), with a legend naming them. All curves must measure the same metric against the same progress.
    /// </summary>
    /// <param name="path">The PNG file to write (its folder must exist).</param>
    /// <param name="curves">The curves, one or more.</param>
    /// <exception cref="ArgumentException">No curves, or curves of different metrics or progress (the message names them).</exception>
    public static void LearningCurves(string path, params LearningCurve[] curves)
    {
        CheckPath(path);
        Save(LearningCurvesPlot(curves), path, DefaultWidth, DefaultHeight);
    }

    /// <summary>The learning curves as a ScottPlot plot, not yet rendered (tests read its pixel layout).</summary>
    internal static ScottPlot.Plot LearningCurvesPlot(IReadOnlyList<LearningCurve> curves)
    {
        if (curves.Count == 0) throw new ArgumentException("no learning curves to plot", nameof(curves));
        var first = curves[0];
        foreach (var curve in curves)
        {
            if (curve.Metric != first.Metric || curve.Progress != first.Progress)
                throw new ArgumentException($"'{curve.Name}' measures {curve.Metric} against {curve.Progress}, '{first.Name}' {first.Metric} against {first.Progress}: plot them apart", nameof(curves));
        }
        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int c = 0; c < curves.Count; c++)
        {
            var points = curves[c].Points;
            var scatter = plot.Add.Scatter(points.Select(p => p.Progress).ToArray(), points.Select(p => p.Value).ToArray(), palette.GetColor(c));
            scatter.LineWidth = 2;
            scatter.MarkerSize = 7;
            scatter.LegendText = curves[c].Name;
        }
        plot.ShowLegend(Alignment.LowerRight);
        plot.Title(curves.Count == 1 ? $"learning curve: {first.Name}" : "learning curves");
        plot.XLabel(first.Progress);
        plot.YLabel(first.Metric);
        UseSansFont(plot);
        return plot;
    }

    /// <summary>
    /// A confusion matrix as a heat map: actual class down (0 at the top), predicted class across; each cell's shade is
    /// the share of the actual class's samples taken for the predicted one (white 0, dark blue 1), its text the count.
    /// </summary>
    /// <param name="path">The PNG file to write (its folder must exist).</param>
    /// <param name="confusion">The matrix.</param>
    /// <param name="title">The plot's title; "confusion matrix" and the accuracy when null.</param>
    public static void Confusion(string path, ConfusionMatrix confusion, string? title = null)
    {
        CheckPath(path);
        int side = Math.Clamp(80 + 50 * confusion.Classes, 400, 1200);
        Save(ConfusionPlot(confusion, title), path, side + 100, side);
    }

    /// <summary>The colour map of <see cref="Confusion"/>: the share of a class's samples, 0 to 1, to a colour.</summary>
    internal static readonly IColormap ConfusionColours = new Reversed(new ScottPlot.Colormaps.Blues());

    /// <summary>A colour map run backwards: ScottPlot's Blues goes from dark to white, and a share of 0 should be white.</summary>
    private sealed class Reversed(IColormap colours) : IColormap
    {
        public string Name => colours.Name + " (reversed)";

        public ScottPlot.Color GetColor(double position) => colours.GetColor(1 - position);
    }

    /// <summary>The share of actual class <paramref name="actual"/>'s samples predicted as <paramref name="predicted"/>
    /// (0 for a class with no samples): the value a cell of <see cref="Confusion"/> is shaded by.</summary>
    internal static double ConfusionShare(ConfusionMatrix confusion, int actual, int predicted)
    {
        int ofClass = 0;
        for (int p = 0; p < confusion.Classes; p++) ofClass += confusion.Counts[actual, p];
        return ofClass == 0 ? 0 : (double)confusion.Counts[actual, predicted] / ofClass;
    }

    /// <summary>The heat map as a ScottPlot plot, not yet rendered: cell (actual a, predicted p) is centred on x = p, y = −a.</summary>
    internal static ScottPlot.Plot ConfusionPlot(ConfusionMatrix confusion, string? title)
    {
        int n = confusion.Classes;
        var shares = new double[n, n];
        for (int a = 0; a < n; a++)
            for (int p = 0; p < n; p++) shares[a, p] = ConfusionShare(confusion, a, p);
        var plot = new ScottPlot.Plot();
        var heatmap = plot.Add.Heatmap(shares);
        heatmap.Colormap = ConfusionColours;
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        // Row a of the intensities is drawn from the top: the cells span x −0.5 … n − 0.5 and y −(n − 0.5) … 0.5.
        heatmap.Rectangle = new CoordinateRect(-0.5, n - 0.5, -(n - 0.5), 0.5);
        for (int a = 0; a < n; a++)
        {
            for (int p = 0; p < n; p++)
            {
                var text = plot.Add.Text(confusion.Counts[a, p].ToString(CultureInfo.InvariantCulture), p, -a);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = n <= 12 ? 14 : 9;
                // Dark text on light cells, white on dark ones.
                text.LabelFontColor = shares[a, p] > 0.5 ? Colors.White : Colors.Black;
            }
        }
        var ticks = Enumerable.Range(0, n).ToArray();
        plot.Axes.Bottom.SetTicks([.. ticks.Select(t => (double)t)], [.. ticks.Select(t => t.ToString(CultureInfo.InvariantCulture))]);
        plot.Axes.Left.SetTicks([.. ticks.Select(t => (double)-t)], [.. ticks.Select(t => t.ToString(CultureInfo.InvariantCulture))]);
        plot.Axes.SetLimits(-0.5, n - 0.5, -(n - 0.5), 0.5);
        plot.Add.ColorBar(heatmap);
        plot.Title(title ?? string.Create(CultureInfo.InvariantCulture, $"confusion matrix: accuracy {confusion.Accuracy * 100:F2}%"));
        plot.XLabel("predicted class");
        plot.YLabel("actual class");
        UseSansFont(plot);
        return plot;
    }
}
