using Dendra.Render.Activity;
using Dendra.Render.Drawing;

namespace Dendra.Render.Views;

/// <summary>
/// Recent activity of one population on its 2D grid (e.g. a 28×28 input): each neuron one square block whose brightness
/// is its spike count over the last <see cref="RecentSteps"/> steps of the window, relative to the busiest neuron.
/// </summary>
/// <param name="population">Name of the population shown.</param>
/// <param name="recentSteps">How many of the window's last steps count as recent.</param>
public sealed class HeatmapView(string population, int recentSteps = 500) : IView
{
    /// <summary>The population shown.</summary>
    public string Population { get; } = population;

    /// <summary>Steps counted.</summary>
    public int RecentSteps { get; } = recentSteps > 0 ? recentSteps : throw new ArgumentOutOfRangeException(nameof(recentSteps), "count at least one step");

    /// <inheritdoc/>
    public string Title => $"activity: {Population}";

    void IView.Draw(Canvas canvas, Area plot, ActivitySnapshot snapshot)
    {
        int index = snapshot.Populations.ToList().FindIndex(p => p.Name == Population);
        if (index < 0) return;
        var p = snapshot.Populations[index];
        var (w, h) = p.Grid ?? SquareGrid(p.Size);
        int scale = Math.Max(1, Math.Min(plot.Width / Math.Max(1, w), plot.Height / Math.Max(1, h)));
        var counts = new int[p.Size];
        long from = snapshot.Now - RecentSteps;
        for (int s = 0; s < p.Steps.Length; s++)
            if (p.Steps[s] >= from && p.Steps[s] < snapshot.Now) counts[p.Neurons[s]]++;
        int max = Math.Max(1, counts.Length == 0 ? 1 : counts.Max());
        var image = new RgbaImage(w, h);
        var hot = Rgba.Population(index);
        for (int n = 0; n < p.Size && n < w * h; n++)
            image.Set(n % w, n / w, Color(counts[n] / (double)max, hot));
        canvas.Image(new Area(plot.X, plot.Y, Math.Min(plot.Width, w * scale), Math.Min(plot.Height, h * scale)), image);
    }

    /// <summary>Dark for none, the population's colour at half, white at the most active.</summary>
    internal static Rgba Color(double level, Rgba hot) =>
        level <= 0.5 ? Rgba.Lerp(new Rgba(0, 0, 0), hot, level * 2) : Rgba.Lerp(hot, new Rgba(255, 255, 255), (level - 0.5) * 2);

    /// <summary>The most square grid that holds <paramref name="size"/> neurons, one row filled after another.</summary>
    internal static (int Width, int Height) SquareGrid(int size)
    {
        int w = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(size)));
        return (w, Math.Max(1, (size + w - 1) / w));
    }
}
