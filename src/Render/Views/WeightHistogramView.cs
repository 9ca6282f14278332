using Dendra.Render.Activity;
using Dendra.Render.Drawing;

namespace Dendra.Render.Views;

/// <summary>Histogram of a projection's weights in <see cref="Bins"/> equal bins between the smallest and largest weight.</summary>
/// <param name="projection">Name of the projection.</param>
/// <param name="bins">Number of bins.</param>
public sealed class WeightHistogramView(string projection, int bins = 40) : IView
{
    /// <summary>The projection shown.</summary>
    public string Projection { get; } = projection;

    /// <summary>Number of bins.</summary>
    public int Bins { get; } = bins > 0 ? bins : throw new ArgumentOutOfRangeException(nameof(bins), "at least one bin");

    /// <inheritdoc/>
    public string Title => $"weights: {Projection}";

    void IView.Draw(Canvas canvas, Area plot, ActivitySnapshot snapshot)
    {
        var set = snapshot.Weights.FirstOrDefault(w => w.Name == Projection);
        if (set is null || set.Values.Length == 0) return;
        var finite = set.Values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0) return;
        double min = finite.Min(), max = finite.Max(), width = max > min ? (max - min) / Bins : 1;
        var counts = new double[Bins];
        foreach (var w in finite) counts[Math.Min(Bins - 1, (int)((w - min) / width))]++;
        // A step outline: each bin a flat top from its left to its right edge.
        var x = new List<double>();
        var y = new List<double>();
        for (int b = 0; b < Bins; b++)
        {
            x.Add(min + b * width); y.Add(counts[b]);
            x.Add(min + (b + 1) * width); y.Add(counts[b]);
        }
        LinePlot.Draw(canvas, plot, [(x.ToArray(), y.ToArray(), Rgba.Population(0))], min, min + Bins * width, 0, counts.Max() * 1.05, "");
    }
}
