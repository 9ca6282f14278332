using Dendra.Render.Activity;
using Dendra.Render.Drawing;

namespace Dendra.Render.Views;

/// <summary>State-variable traces of chosen neurons over the window, one colour per trace, on a shared y range.</summary>
public sealed class TraceView : IView
{
    /// <inheritdoc/>
    public string Title => "state traces";

    void IView.Draw(Canvas canvas, Area plot, ActivitySnapshot snapshot)
    {
        double t0 = snapshot.WindowStart * snapshot.Dt, t1 = snapshot.WindowEnd * snapshot.Dt;
        var series = snapshot.Traces.Select((trace, k) =>
        {
            var keep = Enumerable.Range(0, trace.Times.Length).Where(i => trace.Times[i] >= t0 && trace.Times[i] <= t1).ToArray();
            return (X: keep.Select(i => trace.Times[i]).ToArray(), Y: keep.Select(i => trace.Values[i]).ToArray(), Color: Rgba.Population(k));
        }).ToList();
        var all = series.SelectMany(s => s.Y).Where(double.IsFinite).ToList();
        var (low, high) = all.Count == 0 ? (0.0, 1.0) : LinePlot.Range(all.Min(), all.Max());
        LinePlot.Draw(canvas, plot, series, t0, t1, low, high, "");
    }
}
