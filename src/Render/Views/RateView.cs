using Dendra.Render.Activity;
using Dendra.Render.Drawing;

namespace Dendra.Render.Views;

/// <summary>Population rates over the window in bins of <see cref="BinSteps"/> steps, one line per population, in Hz.</summary>
/// <param name="binSteps">Steps per bin.</param>
public sealed class RateView(int binSteps = 50) : IView
{
    /// <summary>Steps per bin.</summary>
    public int BinSteps { get; } = binSteps > 0 ? binSteps : throw new ArgumentOutOfRangeException(nameof(binSteps), "bins need at least one step");

    /// <inheritdoc/>
    public string Title => "population rate";

    void IView.Draw(Canvas canvas, Area plot, ActivitySnapshot snapshot)
    {
        // Bins up to the step reached: while the run is younger than the window, the rest of it is still to come.
        int bins = (int)Math.Max(1, (Math.Min(snapshot.Now, snapshot.WindowEnd) - snapshot.WindowStart) / BinSteps);
        var series = snapshot.Populations.Select((p, k) =>
        {
            var rates = Rates(p, snapshot.WindowStart, bins, BinSteps, snapshot.Dt);
            var times = Enumerable.Range(0, bins).Select(b => (snapshot.WindowStart + (b + 0.5) * BinSteps) * snapshot.Dt).ToArray();
            return (X: times, Y: rates, Color: Rgba.Population(k));
        }).ToList();
        double max = series.Count == 0 ? 1 : Math.Max(1, series.Max(s => s.Y.DefaultIfEmpty(0).Max()));
        LinePlot.Draw(canvas, plot, series, snapshot.WindowStart * snapshot.Dt, snapshot.WindowEnd * snapshot.Dt, 0, max * 1.05, "Hz");
    }

    /// <summary>Mean rate per neuron in each bin, in Hz.</summary>
    internal static double[] Rates(PopulationSpikes p, long start, int bins, int binSteps, double dt)
    {
        var counts = new double[bins];
        foreach (var step in p.Steps)
        {
            long b = (step - start) / binSteps;
            if (step >= start && b < bins) counts[b]++;
        }
        double scale = 1.0 / (Math.Max(1, p.Size) * binSteps * dt);
        return counts.Select(c => c * scale).ToArray();
    }
}
